import { describe, expect, it } from 'vitest';
import type { SpendingCell } from '../../../shared/api';
import {
  cellsOfGroup,
  chartCurrencies,
  incomeVsExpenses,
  SPENDING_DEFINITION,
  SPENDING_HELP,
  stackSpending,
} from './spending-chart';

function cell(month: string, category: string, amountMinor: number, currency = 'USD'): SpendingCell {
  return {
    month,
    currency,
    category,
    categoryName: category.toLowerCase(),
    amountMinor,
    pendingMinor: 0,
    count: 1,
  };
}

describe('stackSpending', () => {
  it('keeps a category in the same colour when its rank changes between datasets', () => {
    const colorOf = (cells: SpendingCell[], category: string) =>
      stackSpending(cells, 'USD', '2025-01', '2025-01').series.find((s) => s.category === category)?.color;
    const foodFirst = [cell('2025-01', 'FOOD_AND_DRINK', 9_000), cell('2025-01', 'TRAVEL', 1_000)];
    const travelFirst = [cell('2025-01', 'FOOD_AND_DRINK', 1_000), cell('2025-01', 'TRAVEL', 9_000)];
    const foodAlone = [cell('2025-01', 'FOOD_AND_DRINK', 1_000)];
    expect(colorOf(foodFirst, 'FOOD_AND_DRINK')).toBe(colorOf(travelFirst, 'FOOD_AND_DRINK'));
    expect(colorOf(foodFirst, 'FOOD_AND_DRINK')).toBe(colorOf(foodAlone, 'FOOD_AND_DRINK'));
    expect(colorOf(foodFirst, 'TRAVEL')).toBe(colorOf(travelFirst, 'TRAVEL'));
    expect(colorOf(travelFirst, 'TRAVEL')).not.toBe(colorOf(travelFirst, 'FOOD_AND_DRINK'));
  });

  const cells = [
    cell('2025-01', 'FOOD_AND_DRINK', 12_345),
    cell('2025-03', 'FOOD_AND_DRINK', 5_000),
    cell('2025-01', 'RENT_AND_UTILITIES', 150_000),
    cell('2025-03', 'user:gifts', -2_000),
    cell('2025-01', 'FOOD_AND_DRINK', 99_999, 'EUR'),
  ];

  it('has one row per month of the range, empty months included, in major units', () => {
    const chart = stackSpending(cells, 'USD', '2025-01', '2025-04');
    expect(chart.rows.map((r) => r.month)).toEqual(['2025-01', '2025-02', '2025-03', '2025-04']);
    const food = chart.series.find((s) => s.category === 'FOOD_AND_DRINK')!;
    expect(chart.rows.map((r) => r[food.key])).toEqual([123.45, 0, 50, 0]);
  });

  it('orders series by total, largest first, and never mixes currencies', () => {
    const chart = stackSpending(cells, 'USD', '2025-01', '2025-03');
    expect(chart.series.map((s) => [s.category, s.totalMinor])).toEqual([
      ['RENT_AND_UTILITIES', 150_000],
      ['FOOD_AND_DRINK', 17_345],
      ['user:gifts', -2_000],
    ]);
    expect(new Set(chart.series.map((s) => s.key)).size).toBe(3);
    expect(chart.cell('2025-01', 'FOOD_AND_DRINK')?.amountMinor).toBe(12_345);
    expect(stackSpending(cells, 'EUR', '2025-01', '2025-01').series).toHaveLength(1);
  });

  it('lists currencies by the size of their spending', () => {
    expect(chartCurrencies(cells)).toEqual(['USD', 'EUR']);
  });
});

describe('drill-down and income vs expenses', () => {
  it('keeps the detailed categories of one group', () => {
    const detailed = [
      cell('2025-01', 'FOOD_AND_DRINK_COFFEE', 500),
      cell('2025-01', 'FOOD_AND_DRINK_GROCERIES', 9_000),
      cell('2025-01', 'TRANSPORTATION_TAXIS', 2_000),
      cell('2025-01', 'user:snacks', 300),
    ];
    const groups: Record<string, string> = { 'user:snacks': 'FOOD_AND_DRINK' };
    const groupOf = (c: string) => groups[c] ?? c.split('_').slice(0, -1).join('_');
    expect(cellsOfGroup(detailed, 'FOOD_AND_DRINK', groupOf).map((c) => c.category)).toEqual([
      'FOOD_AND_DRINK_COFFEE',
      'FOOD_AND_DRINK_GROCERIES',
      'user:snacks',
    ]);
  });

  it('fills months without income or spending with zeros', () => {
    const rows = incomeVsExpenses(
      [{ month: '2025-02', currency: 'USD', incomeMinor: 400_000, expensesMinor: 250_050, pendingMinor: 0 }],
      'USD',
      '2025-01',
      '2025-02',
    );
    expect(rows.map((r) => [r.month, r.income, r.expenses])).toEqual([
      ['2025-01', 0, 0],
      ['2025-02', 4000, 2500.5],
    ]);
  });
});

describe('the spending definition', () => {
  it('is worded exactly as issue 7 item 8 defines it', () => {
    expect(SPENDING_DEFINITION).toBe(
      "Spending means: money out (Plaid's positive amounts) by category, refunds netted against their category, transfers between the user's own accounts excluded, pending included and marked, month by authorized_date when present else date, one series per currency.",
    );
  });
});

describe('the Spending help', () => {
  it('speaks the reader’s language, not the API’s', () => {
    for (const term of [/Plaid/i, /authorized_date/, /positive amounts/, /\bdate\b/, /series/]) {
      expect(SPENDING_HELP).not.toMatch(term);
    }
    expect(SPENDING_HELP).toMatch(/money that left your accounts/);
    expect(SPENDING_HELP).toMatch(/month you made it/);
  });
});
