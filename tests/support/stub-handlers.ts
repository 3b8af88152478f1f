/**
 * Handlers for every contract call that fail with NOT_IN_FAKE: fakes spread this first and
 * override only the calls their test exercises, so adding a call to the contract never breaks them.
 */
import { callNames } from '../../src/shared/api';
import type { ApiHandlers } from '../../src/main/services/core-types';
import { AppError } from '../../src/main/services/errors';

export function stubHandlers(): ApiHandlers {
  const entries = callNames.map((name) => [
    name,
    async () => {
      throw new AppError('NOT_IN_FAKE', `${name} is not implemented by this test's fake core.`);
    },
  ]);
  return Object.fromEntries(entries) as ApiHandlers;
}
