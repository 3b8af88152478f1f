import { useEffect } from 'react';
import { useStore } from 'zustand';
import type { RequestStore } from './request-store';

/** Runs `answer` when the request is pending (now, or once it comes), and marks it taken. */
export function useRequest(store: RequestStore, answer: () => void): void {
  const pending = useStore(store, (s) => s.pending);
  useEffect(() => {
    if (pending && store.getState().take()) answer();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- answer is read when the request comes
  }, [pending, store]);
}
