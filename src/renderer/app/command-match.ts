/**
 * The palette's filter: a fuzzy match of what was typed against each command's label, and a
 * two-letter code per command that puts it first, so every command is three keys away (two
 * letters, Enter) however many views, accounts and actions the registry brings.
 */

export interface Matchable {
  id: string;
  label: string;
  /** Other words the command answers to (not shown). */
  keywords?: string;
}

const words = (label: string) =>
  label
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

/**
 * How well `query` matches `text`: 0 for no match; a run of the query at a word start beats one
 * inside a word, which beats letters spread out (taken at word starts where possible).
 */
export function fuzzyScore(query: string, text: string): number {
  const q = query.toLowerCase().replace(/\s+/g, ' ').trim();
  const t = text.toLowerCase();
  if (q.length === 0) return 1;
  const isWordStart = (at: number) => at === 0 || /[^a-z0-9]/.test(t[at - 1]!);
  const run = t.indexOf(q);
  if (run >= 0) {
    let atStart = isWordStart(run) ? run : -1;
    for (let at = t.indexOf(q, run + 1); atStart < 0 && at >= 0; at = t.indexOf(q, at + 1))
      if (isWordStart(at)) atStart = at;
    if (atStart === 0) return 120;
    return atStart > 0 ? 100 - Math.min(atStart, 20) : 60 - Math.min(run, 20);
  }
  const letters = q.replace(/ /g, '');
  let score = 0;
  let from = 0;
  for (const ch of letters) {
    let at = -1;
    for (let i = t.indexOf(ch, from); i >= 0; i = t.indexOf(ch, i + 1))
      if (isWordStart(i)) {
        at = i;
        break;
      }
    if (at < 0) at = t.indexOf(ch, from);
    if (at < 0) return 0;
    score += isWordStart(at) ? 4 : 1;
    from = at + 1;
  }
  return score;
}

/** Candidate codes for a label, best first: initials, then the first word's letters, then any pair. */
function candidates(label: string): string[] {
  const ws = words(label);
  const out: string[] = [];
  const add = (c: string) => {
    if (c.length === 2 && !out.includes(c)) out.push(c);
  };
  for (let i = 1; i < ws.length; i++) add(ws[0]![0]! + ws[i]![0]!);
  const letters = ws.join('');
  for (let i = 1; i < letters.length; i++) add(letters[0]! + letters[i]!);
  for (let i = 1; i < ws.length; i++) for (const ch of ws[i]!) add(ws[0]![0]! + ch);
  return out;
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A two-character code per command, unique among them: the first free candidate in the command
 * order given (so the first-listed command keeps the most natural code).
 */
export function assignCodes(items: readonly Matchable[]): Map<string, string> {
  const taken = new Set<string>();
  const codes = new Map<string, string>();
  for (const item of items) {
    let code = candidates(item.label).find((c) => !taken.has(c));
    for (let i = 0; !code && i < ALPHABET.length ** 2; i++) {
      const c = ALPHABET[Math.floor(i / ALPHABET.length)]! + ALPHABET[i % ALPHABET.length]!;
      if (!taken.has(c)) code = c;
    }
    taken.add(code!);
    codes.set(item.id, code!);
  }
  return codes;
}

/**
 * The commands that match, best first: the one whose code was typed, then by fuzzy score over
 * label and keywords (ties keep the given order). An empty query lists everything in order.
 */
export function rankCommands<T extends Matchable>(
  items: readonly T[],
  codes: Map<string, string>,
  query: string,
): T[] {
  const q = query.trim().toLowerCase();
  if (q === '') return [...items];
  const scored = items
    .map((item, index) => {
      const exact = codes.get(item.id) === q ? 1000 : 0;
      const score = Math.max(fuzzyScore(q, item.label), item.keywords ? fuzzyScore(q, item.keywords) - 1 : 0);
      return { item, index, score: exact + score };
    })
    .filter((s) => s.score > 0);
  scored.sort((a, b) => b.score - a.score || a.index - b.index);
  return scored.map((s) => s.item);
}
