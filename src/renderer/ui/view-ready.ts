import { useEffect } from 'react';

/** The performance mark a view sets once its data is on screen (read by bench/window.ts). */
export const VIEW_READY_MARK = 'coffer:view-ready:';

export function viewReadyMark(viewId: string): string {
  return `${VIEW_READY_MARK}${viewId}`;
}

/**
 * Marks `coffer:view-ready:<viewId>` after the render in which the view's data is shown: when it
 * mounts with data already loaded, when its data first arrives, and again whenever `shown` changes
 * while ready (a new list for another filter). `detail` travels with the mark, so a reader can tell
 * which of several answers was drawn (the query a page of search results belongs to).
 */
export function useViewReady(viewId: string, ready: boolean, shown?: unknown, detail?: unknown): void {
  useEffect(() => {
    if (ready) performance.mark(viewReadyMark(viewId), { detail });
    // `detail` describes `shown`; a new detail object for the same answer is no new answer.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [viewId, ready, shown]);
}

/**
 * Calls `then` once, after the first view-ready mark of this page (whichever view the app opened
 * on has drawn its data); returns a function that cancels it.
 */
export function afterFirstViewReady(then: () => void): () => void {
  let done = false;
  const fire = () => {
    if (done) return;
    done = true;
    observer.disconnect();
    then();
  };
  const observer = new PerformanceObserver((list) => {
    if (list.getEntries().some((e) => e.name.startsWith(VIEW_READY_MARK))) fire();
  });
  observer.observe({ type: 'mark' });
  if (performance.getEntriesByType('mark').some((e) => e.name.startsWith(VIEW_READY_MARK))) fire();
  return () => {
    done = true;
    observer.disconnect();
  };
}
