/**
 * JSON for replies too big for one string: the truth of a two-million-row Item is ~650 MB of
 * JSON, past V8's longest string (~512 MiB), so JSON.stringify of the whole reply throws. A
 * reply whose top-level arrays are long is written as pieces of a few thousand elements each;
 * joined, the pieces are exactly JSON.stringify(body).
 */

/** Top-level arrays longer than this are written in pieces. */
export const LONG_ARRAY = 50_000;
const ELEMENTS_PER_PIECE = 5_000;

/** True when `body` is an object with an array long enough to be written in pieces. */
export function hasLongArray(body: unknown): body is Record<string, unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return false;
  if (typeof (body as { toJSON?: unknown }).toJSON === 'function') return false;
  return Object.values(body).some((v) => Array.isArray(v) && v.length > LONG_ARRAY);
}

/** The JSON text of an object, a piece at a time, each piece far below V8's string limit. */
export function* jsonPieces(
  body: Record<string, unknown>,
  perPiece = ELEMENTS_PER_PIECE,
): Generator<string, void, undefined> {
  let first = true;
  for (const [key, value] of Object.entries(body)) {
    // What JSON.stringify leaves out of an object.
    if (value === undefined || typeof value === 'function' || typeof value === 'symbol') continue;
    yield `${first ? '{' : ','}${JSON.stringify(key)}:`;
    first = false;
    if (!Array.isArray(value) || value.length <= perPiece) {
      yield JSON.stringify(value);
      continue;
    }
    for (let i = 0; i < value.length; i += perPiece) {
      // Stringifying a slice keeps JSON's array rules (undefined → null, toJSON) for each element.
      const text = JSON.stringify(value.slice(i, i + perPiece));
      yield `${i === 0 ? '[' : ','}${text.slice(1, -1)}`;
    }
    yield ']';
  }
  yield first ? '{}' : '}';
}
