import { describe, expect, it } from 'vitest';
import type { CofferApi } from '../../../shared/api';
import type { AppNotification } from '../../../shared/contract/notifications';
import { createErrorsStore } from '../../ui/errors-store';
import { createNotificationsStore } from './notifications-store';

const reauth = {
  id: 'n1',
  kind: 'reauth-needed',
  title: 'First Platypus Bank needs you to sign in again',
} as unknown as AppNotification;

describe('the notification tray', () => {
  it('keeps a notification the user opened out of a list that was read before the host recorded it', async () => {
    let answerList: (value: { notifications: AppNotification[] }) => void = () => undefined;
    const api = {
      'notifications.list': () => new Promise((resolve) => (answerList = resolve)),
      'notifications.markSeen': async () => ({}),
    } as unknown as CofferApi;
    const store = createNotificationsStore(api, createErrorsStore(), () => undefined);
    store.getState().raised(reauth);

    const reload = store.getState().load();
    await store.getState().open(reauth);
    expect(store.getState().unseen).toEqual([]);
    answerList({ notifications: [reauth] });
    await reload;
    expect(store.getState().unseen).toEqual([]);
    store.getState().raised(reauth);
    expect(store.getState().unseen).toEqual([]);
  });
});
