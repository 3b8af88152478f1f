import { useEffect, useState } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useStore } from 'zustand';
import type { PayoffPlan } from '../../../shared/contract/liabilities';
import { formatMoney, fromMinor } from '../../../shared/money';
import { amountInputText, parseAmountInput } from '../../ui/amount-input';
import { chartMoney } from '../../ui/format/display';
import { TextField } from '../../ui/TextField';
import { scheduleRows } from './schedule';
import { plannerSlice } from './slice';
import { useViewReady } from '../../ui/view-ready';

const STRATEGY_LABEL = {
  avalanche: 'Avalanche (highest rate first)',
  snowball: 'Snowball (smallest balance first)',
};

function monthLabel(month: string | null): string {
  if (!month) return 'Not paid off within 50 years';
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1, 1)).toLocaleDateString(undefined, {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

function Summary({ plans, currency }: { plans: PayoffPlan[]; currency: string }) {
  return (
    <table className="data-table" data-testid="payoff-summary">
      <thead>
        <tr>
          <th scope="col">Strategy</th>
          <th scope="col">Debt-free</th>
          <th scope="col" className="num">
            Total interest
          </th>
          <th scope="col" className="num">
            Total paid
          </th>
        </tr>
      </thead>
      <tbody>
        {plans.map((p) => (
          <tr key={p.strategy} data-strategy={p.strategy}>
            <td>{STRATEGY_LABEL[p.strategy]}</td>
            <td>{monthLabel(p.payoffMonth)}</td>
            <td className="num">{formatMoney(p.totalInterestMinor, currency)}</td>
            <td className="num">{formatMoney(p.totalPaidMinor, currency)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function PromotionForm() {
  const { planner } = plannerSlice.useSlice();
  const debts = useStore(planner, (s) => s.debts);
  const options = debts.flatMap((d) => d.buckets.map((b) => ({ key: `${d.accountId}|${b.aprType}`, d, b })));
  const [choice, setChoice] = useState('');
  const [rate, setRate] = useState('0');
  const [endDate, setEndDate] = useState('');
  const picked = options.find((o) => o.key === choice) ?? options[0];
  const percentage = Number(rate);
  const valid =
    picked &&
    /^\d{4}-\d{2}-\d{2}$/.test(endDate) &&
    rate.trim() !== '' &&
    percentage >= 0 &&
    percentage <= 100;
  return (
    <form
      className="promotion-form"
      aria-label="Add a promotional rate"
      onSubmit={(e) => {
        e.preventDefault();
        if (!valid || !picked) return;
        planner
          .getState()
          .addPromotion({ accountId: picked.d.accountId, aprType: picked.b.aprType, percentage, endDate });
      }}
    >
      <label className="field">
        <span>Balance</span>
        <select
          aria-label="Balance with a promotional rate"
          value={picked?.key ?? ''}
          onChange={(e) => setChoice(e.target.value)}
        >
          {options.map((o) => (
            <option key={o.key} value={o.key}>
              {o.d.name} · {o.b.aprType.replace(/_/g, ' ')} ({o.b.percentage}%)
            </option>
          ))}
        </select>
      </label>
      <TextField label="Promotional APR %" value={rate} onChange={setRate} inputMode="decimal" />
      <TextField label="Promotion ends" value={endDate} onChange={setEndDate} type="date" />
      <button type="submit" className="button" disabled={!valid}>
        Add promotion
      </button>
    </form>
  );
}

export function PayoffPlannerView() {
  const { planner } = plannerSlice.useSlice();
  const state = useStore(planner);
  const { currency, plans, debts, promotions, loaded, monthlyBudgetMinor } = state;
  useViewReady('payoff-planner', loaded);
  const [budgetText, setBudgetText] = useState<string | null>(null);
  useEffect(() => {
    void planner.getState().load();
  }, [planner]);
  const shownBudget =
    budgetText ?? (monthlyBudgetMinor === null ? '' : amountInputText(monthlyBudgetMinor, currency));
  const budgetError =
    budgetText !== null && parseAmountInput(budgetText, currency) === null
      ? 'Enter an amount, like 850.00.'
      : null;
  const rows = scheduleRows(plans);
  const chart = rows.map((r) => ({
    month: r.month,
    avalanche: r.avalanche ? fromMinor(r.avalanche.balanceMinor, currency) : null,
    snowball: r.snowball ? fromMinor(r.snowball.balanceMinor, currency) : null,
  }));
  const m = (minor: number | undefined) => (minor === undefined ? '—' : formatMoney(minor, currency));
  return (
    <section className="panel view-panel" aria-labelledby="planner-title">
      <div className="panel-heading">
        <h2 id="planner-title">Payoff planner</h2>
        <span className="muted small">Your cards and loans in {currency}, paid off two ways</span>
      </div>
      <div className="view-body">
        {loaded && debts.length === 0 && <p className="muted">Nothing owed in {currency}.</p>}
        {debts.length > 0 && (
          <>
            <form
              className="planner-budget"
              onSubmit={(e) => {
                e.preventDefault();
                const minor = parseAmountInput(shownBudget, currency);
                if (minor !== null && minor > 0) planner.getState().setBudget(minor);
              }}
            >
              <TextField
                label="Monthly budget"
                value={shownBudget}
                onChange={setBudgetText}
                inputMode="decimal"
              />
              <button type="submit" className="button">
                Plan
              </button>
              {budgetError && <span className="status status-error">{budgetError}</span>}
            </form>
            <section aria-label="Balances by APR">
              <h3>Balances by APR</h3>
              <table className="data-table" data-testid="payoff-debts">
                <thead>
                  <tr>
                    <th scope="col">Debt</th>
                    <th scope="col">APR bucket</th>
                    <th scope="col" className="num">
                      APR
                    </th>
                    <th scope="col" className="num">
                      Balance
                    </th>
                    <th scope="col" className="num">
                      Minimum
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {debts.flatMap((d) =>
                    d.buckets.map((b) => (
                      <tr key={`${d.accountId}|${b.aprType}`}>
                        <td>{d.name}</td>
                        <td>{b.aprType.replace(/_/g, ' ')}</td>
                        <td className="num">{b.percentage}%</td>
                        <td className="num">{formatMoney(b.balanceMinor, currency)}</td>
                        <td className="num">{formatMoney(d.minimumMinor, currency)}</td>
                      </tr>
                    )),
                  )}
                </tbody>
              </table>
              <PromotionForm />
              {promotions.length > 0 && (
                <ul className="promotions">
                  {promotions.map((p, i) => (
                    <li key={`${p.accountId}|${p.aprType}|${p.endDate}`}>
                      {p.percentage}% on {p.aprType.replace(/_/g, ' ')} until {p.endDate}{' '}
                      <button
                        type="button"
                        className="button button-quiet"
                        onClick={() => planner.getState().removePromotion(i)}
                      >
                        Remove
                      </button>
                    </li>
                  ))}
                </ul>
              )}
            </section>
            {plans.length > 0 && (
              <>
                <Summary plans={plans} currency={currency} />
                <div className="chart" data-testid="payoff-chart">
                  <ResponsiveContainer width="100%" height={260}>
                    <LineChart data={chart} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
                      <CartesianGrid strokeDasharray="3 3" vertical={false} />
                      <XAxis dataKey="month" />
                      <YAxis tickFormatter={chartMoney(currency)} width={90} />
                      <Tooltip formatter={chartMoney(currency)} />
                      <Legend />
                      <Line
                        dataKey="avalanche"
                        name="Avalanche: owed"
                        stroke="var(--cat-2)"
                        dot={false}
                        isAnimationActive={false}
                      />
                      <Line
                        dataKey="snowball"
                        name="Snowball: owed"
                        stroke="var(--cat-1)"
                        dot={false}
                        isAnimationActive={false}
                      />
                    </LineChart>
                  </ResponsiveContainer>
                </div>
                <table
                  className="data-table"
                  data-testid="payoff-schedule"
                  aria-label="Month by month schedule"
                >
                  <thead>
                    <tr>
                      <th scope="col">Month</th>
                      <th scope="col" className="num">
                        Avalanche paid
                      </th>
                      <th scope="col" className="num">
                        Avalanche interest
                      </th>
                      <th scope="col" className="num">
                        Avalanche owed
                      </th>
                      <th scope="col" className="num">
                        Snowball paid
                      </th>
                      <th scope="col" className="num">
                        Snowball interest
                      </th>
                      <th scope="col" className="num">
                        Snowball owed
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((r) => (
                      <tr key={r.month}>
                        <td>{r.month}</td>
                        <td className="num">{m(r.avalanche?.paymentMinor)}</td>
                        <td className="num">{m(r.avalanche?.interestMinor)}</td>
                        <td className="num">{m(r.avalanche?.balanceMinor)}</td>
                        <td className="num">{m(r.snowball?.paymentMinor)}</td>
                        <td className="num">{m(r.snowball?.interestMinor)}</td>
                        <td className="num">{m(r.snowball?.balanceMinor)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            )}
          </>
        )}
      </div>
    </section>
  );
}
