/**
 * Plaid Sandbox's test credentials: what a username/password pair leads to. `user_good` logs in;
 * `mfa_device`, `mfa_questions_<n>_<m>` and `mfa_selections[_<n>_<m>_<o>]` log in after MFA;
 * `error_<CODE>` passwords fail with that error; `user_custom` takes a JSON configuration as
 * its password (a subset of Plaid's UserCustomPassword).
 */
import { z } from 'zod';
import { ERROR_CATALOG, isPlaidErrorCode, PlaidApiError, type PlaidErrorCode } from './errors';
import { IsoDate } from './requests';

export const MFA_DEVICE_CODE = '1234';

/** One round of MFA as Link shows it. */
export type MfaRound =
  | { type: 'device' }
  | { type: 'questions'; questions: string[] }
  | { type: 'selections'; questions: { question: string; answers: string[] }[] };

export interface MfaPlan {
  type: 'device' | 'questions' | 'selections';
  rounds: MfaRound[];
  /** Correct answers per round, in question order. */
  answers: string[][];
}

const CustomTransaction = z.object({
  date_transacted: IsoDate,
  date_posted: IsoDate,
  amount: z.number(),
  description: z.string().min(1),
  currency: z.string().optional(),
});

const CustomAccount = z.looseObject({
  type: z.enum(['depository', 'credit', 'loan', 'investment', 'other']),
  subtype: z.string().nullable().optional(),
  starting_balance: z.number().optional(),
  force_available_balance: z.number().optional(),
  currency: z.string().optional(),
  meta: z
    .looseObject({
      name: z.string().optional(),
      official_name: z.string().optional(),
      limit: z.number().optional(),
      mask: z.string().optional(),
    })
    .optional(),
  transactions: z.array(CustomTransaction).max(250).optional(),
});
export type CustomAccount = z.infer<typeof CustomAccount>;

const FORCED_ERRORS = {
  INSTITUTION_NOT_RESPONDING: 'INSTITUTION_NOT_RESPONDING',
  INSTITUTION_NO_LONGER_SUPPORTED: 'INSTITUTION_NO_LONGER_SUPPORTED',
  INVALID_CREDENTIALS: 'INVALID_CREDENTIALS',
  INVALID_MFA: 'INVALID_MFA',
  ITEM_LOCKED: 'ITEM_LOCKED',
  ITEM_LOGIN_REQUIRED: 'ITEM_LOGIN_REQUIRED',
  ITEM_NOT_SUPPORTED: 'ITEM_NOT_SUPPORTED',
  INVALID_LINK_TOKEN: 'INVALID_LINK_TOKEN',
  MFA_NOT_SUPPORTED: 'MFA_NOT_SUPPORTED',
  NO_ACCOUNTS: 'NO_ACCOUNTS',
  PLAID_ERROR: 'INTERNAL_SERVER_ERROR',
  USER_INPUT_TIMEOUT: 'USER_INPUT_TIMEOUT',
  USER_SETUP_REQUIRED: 'USER_SETUP_REQUIRED',
} as const satisfies Record<string, PlaidErrorCode>;

const UserCustomPassword = z.looseObject({
  version: z.enum(['1', '2']).optional(),
  seed: z.string().optional(),
  override_accounts: z.array(CustomAccount).max(10).optional(),
  mfa: z
    .looseObject({
      type: z.enum(['device', 'questions', 'selections']),
      question_rounds: z.number().int().min(1).max(9).optional(),
      questions_per_round: z.number().int().min(1).max(9).optional(),
      selection_rounds: z.number().int().min(1).max(9).optional(),
      selections_per_question: z.number().int().min(2).max(9).optional(),
    })
    .optional(),
  recaptcha: z.enum(['good', 'bad']).optional(),
  force_error: z.enum(Object.keys(FORCED_ERRORS) as [keyof typeof FORCED_ERRORS]).optional(),
});
export type UserCustomPassword = z.infer<typeof UserCustomPassword>;

export interface LoginPlan {
  mfa: MfaPlan | null;
  /** user_custom's configuration, when that user logged in. */
  custom: UserCustomPassword | null;
}

function questionsPlan(rounds: number, perRound: number): MfaPlan {
  const r = Array.from({ length: rounds }, (_, i) => i);
  const q = Array.from({ length: perRound }, (_, j) => j);
  return {
    type: 'questions',
    rounds: r.map((i) => ({
      type: 'questions',
      questions: q.map((j) => `Security question ${i + 1}.${j + 1}: what is answer_${i}_${j}?`),
    })),
    answers: r.map((i) => q.map((j) => `answer_${i}_${j}`)),
  };
}

function selectionsPlan(rounds: number, perRound: number, options: number | null): MfaPlan {
  const r = Array.from({ length: rounds }, (_, i) => i);
  const q = Array.from({ length: perRound }, (_, j) => j);
  const answersOf = (i: number, j: number) =>
    options === null ? ['Yes', 'No'] : Array.from({ length: options }, (_, k) => `answer_${i}_${j}_${k}`);
  return {
    type: 'selections',
    rounds: r.map((i) => ({
      type: 'selections',
      questions: q.map((j) => ({
        question: `Did you make this login attempt? (${i + 1}.${j + 1})`,
        answers: answersOf(i, j),
      })),
    })),
    // Plaid: the first option is always the right one.
    answers: r.map((i) => q.map((j) => answersOf(i, j)[0]!)),
  };
}

const DEVICE_PLAN: MfaPlan = { type: 'device', rounds: [{ type: 'device' }], answers: [[MFA_DEVICE_CODE]] };

function mfaForUsername(username: string): MfaPlan | null | undefined {
  if (username === 'mfa_device') return DEVICE_PLAN;
  if (username === 'mfa_selections') return selectionsPlan(1, 1, null);
  const questions = /^mfa_questions_([1-9])_([1-9])$/.exec(username);
  if (questions) return questionsPlan(Number(questions[1]), Number(questions[2]));
  const selections = /^mfa_selections_([1-9])_([1-9])_([2-9])$/.exec(username);
  if (selections) return selectionsPlan(Number(selections[1]), Number(selections[2]), Number(selections[3]));
  return undefined;
}

function customPlan(password: string): LoginPlan {
  let raw: unknown;
  try {
    raw = JSON.parse(password);
  } catch {
    throw new PlaidApiError('INVALID_CREDENTIALS');
  }
  const parsed = UserCustomPassword.safeParse(raw);
  if (!parsed.success)
    throw new PlaidApiError(
      'INVALID_CREDENTIALS',
      `user_custom configuration: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
    );
  const config = parsed.data;
  if (config.force_error) throw new PlaidApiError(FORCED_ERRORS[config.force_error]);
  const mfa = config.mfa;
  let plan: MfaPlan | null = null;
  if (mfa?.type === 'device') plan = DEVICE_PLAN;
  if (mfa?.type === 'questions') plan = questionsPlan(mfa.question_rounds ?? 1, mfa.questions_per_round ?? 1);
  if (mfa?.type === 'selections')
    plan = selectionsPlan(mfa.selection_rounds ?? 1, 1, mfa.selections_per_question ?? 2);
  return { mfa: plan, custom: config };
}

/** What logging in with these credentials leads to; throws Plaid's error when it fails. */
export function interpretCredentials(username: string, password: string): LoginPlan {
  if (username === 'user_custom') return customPlan(password);
  const forced = /^error_([A-Z_]+)$/.exec(password)?.[1];
  if (forced && isPlaidErrorCode(forced)) {
    const type = ERROR_CATALOG[forced].type;
    if (type === 'ITEM_ERROR' || type === 'INSTITUTION_ERROR' || type === 'API_ERROR')
      throw new PlaidApiError(forced);
  }
  const mfa = username === 'user_good' ? null : mfaForUsername(username);
  if (mfa === undefined || password !== 'pass_good') throw new PlaidApiError('INVALID_CREDENTIALS');
  return { mfa, custom: null };
}

/** Whether one round's answers are right (device codes, question answers, chosen options). */
export function mfaRoundPasses(plan: MfaPlan, round: number, answers: readonly string[]): boolean {
  const expected = plan.answers[round];
  return (
    !!expected && expected.length === answers.length && expected.every((a, i) => a === answers[i]?.trim())
  );
}
