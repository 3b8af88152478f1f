/**
 * Calls `done` once every one of `ids` has reported ready (each may report again, after a reload:
 * only the first round counts).
 */
export function readiness(ids: readonly string[], done: () => void): (id: string) => void {
  const waiting = new Set(ids);
  let fired = false;
  return (id) => {
    waiting.delete(id);
    if (!fired && waiting.size === 0) {
      fired = true;
      done();
    }
  };
}
