import { expect, it } from 'vitest';
import { laneQueue } from './client';
import { isSuperseded } from './errors';

it('keeps one call of a lane on the way and sends only the newest of those that waited', async () => {
  const lanes = laneQueue();
  const sent: string[] = [];
  let finishFirst: () => void = () => {};
  const first = lanes.run('w/list', () => {
    sent.push('u');
    return new Promise<string>((resolve) => (finishFirst = () => resolve('u')));
  });
  const send = (q: string) => async () => (sent.push(q), q);
  const waiting = ['un', 'uni', 'uniq'].map((q) => lanes.run('w/list', send(q)).catch((e: unknown) => e));
  const otherLane = lanes.run('w/summary', send('summary'));

  await expect(otherLane).resolves.toBe('summary');
  expect(sent).toEqual(['u', 'summary']);
  finishFirst();
  await expect(first).resolves.toBe('u');
  const answers = await Promise.all(waiting);
  expect(answers.slice(0, 2).every(isSuperseded)).toBe(true);
  expect(answers[2]).toBe('uniq');
  expect(sent).toEqual(['u', 'summary', 'uniq']);
});
