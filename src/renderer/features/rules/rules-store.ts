import { createStore } from 'zustand/vanilla';
import type { CofferApi, Rule, RuleActions, RuleConditions } from '../../../shared/api';
import type { StatusLine } from '../../ui/status-line';
import type { ErrorsStore } from '../../ui/errors-store';

export interface RuleInput {
  name: string;
  conditions: RuleConditions;
  actions: RuleActions;
  enabled: boolean;
}

export interface RulesState {
  rules: Rule[];
  loaded: boolean;
  /** Which rule is being run over history ('all' for every enabled rule), null when none. */
  applying: string | null;
  /** The outcome of the last save or run over history, per rule id ('all' for every rule). */
  outcomes: Record<string, StatusLine>;
  load(): Promise<void>;
  create(input: RuleInput, applyToHistory: boolean): Promise<Rule | null>;
  update(id: string, input: RuleInput): Promise<boolean>;
  remove(id: string): Promise<boolean>;
  /** Runs one rule, or every enabled rule (id null), over the whole history. */
  apply(id: string | null): Promise<void>;
}

export function changedText(matched: number | null, changed: number): string {
  const rows = `${changed} transaction${changed === 1 ? '' : 's'}`;
  return matched === null ? `Changed ${rows}.` : `Matched ${matched}, changed ${rows}.`;
}

export function createRulesStore(api: CofferApi, errors: ErrorsStore, deps: { ledgerChanged(): void }) {
  return createStore<RulesState>()((set, get) => {
    const outcome = (id: string, line: StatusLine) =>
      set((s) => ({ outcomes: { ...s.outcomes, [id]: line } }));
    return {
      rules: [],
      loaded: false,
      applying: null,
      outcomes: {},
      async load() {
        try {
          const { rules } = await api['rules.list']({});
          set({ rules: [...rules].sort((a, b) => a.position - b.position), loaded: true });
        } catch (error) {
          errors.getState().report(error);
        }
      },
      async create(input, applyToHistory) {
        if (applyToHistory) set({ applying: 'new' });
        try {
          const { rule, changed } = await api['rules.create']({ ...input, applyToHistory });
          set((s) => ({ rules: [...s.rules, rule].sort((a, b) => a.position - b.position) }));
          outcome(rule.id, {
            text: applyToHistory ? `Saved and applied to history. ${changedText(null, changed)}` : 'Saved.',
            tone: 'success',
          });
          if (applyToHistory) deps.ledgerChanged();
          return rule;
        } catch (error) {
          errors.getState().report(error);
          return null;
        } finally {
          if (applyToHistory) set({ applying: null });
        }
      },
      async update(id, input) {
        try {
          const rule = await api['rules.update']({ id, ...input });
          set((s) => ({ rules: s.rules.map((r) => (r.id === id ? rule : r)) }));
          outcome(id, { text: 'Saved. Apply it to history to change past transactions.', tone: 'success' });
          return true;
        } catch (error) {
          errors.getState().report(error);
          return false;
        }
      },
      async remove(id) {
        try {
          await api['rules.delete']({ id });
          set((s) => ({ rules: s.rules.filter((r) => r.id !== id) }));
          return true;
        } catch (error) {
          errors.getState().report(error);
          return false;
        }
      },
      async apply(id) {
        if (get().applying !== null) return;
        const key = id ?? 'all';
        set({ applying: key });
        outcome(key, { text: 'Applying to history…', tone: 'info' });
        try {
          const { matched, changed } = await api['rules.apply']({ id });
          outcome(key, { text: `Applied to history. ${changedText(matched, changed)}`, tone: 'success' });
          deps.ledgerChanged();
        } catch (error) {
          outcome(key, { text: 'Applying to history failed.', tone: 'error' });
          errors.getState().report(error);
        } finally {
          set({ applying: null });
        }
      },
    };
  });
}
export type RulesStore = ReturnType<typeof createRulesStore>;
