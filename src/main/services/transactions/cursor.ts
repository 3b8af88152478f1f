/** The opaque keyset cursor of the transaction list: the (date, id) of the last row shown. */
import { z } from 'zod';
import { AppError } from '../errors';

const Position = z.tuple([z.string().regex(/^\d{4}-\d{2}-\d{2}$/), z.string().min(1).max(128)]);
export type Position = { date: string; id: string };

export function encodeCursor(position: Position): string {
  return Buffer.from(JSON.stringify([position.date, position.id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): Position {
  try {
    const [date, id] = Position.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    return { date, id };
  } catch {
    throw new AppError('INVALID_CURSOR', 'This page cursor is not valid; reload the list from the start.');
  }
}
