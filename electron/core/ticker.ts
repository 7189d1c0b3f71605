// A periodic job that never overlaps itself: every `ms`, `round` runs unless the previous round is still going (or
// `wanted` says no); its failure is ignored (the next round tries again). The timer does not keep Node alive.
// Returns the stop function.
export function startTicker(ms: number, round: () => Promise<unknown>, wanted: () => boolean = () => true): () => void {
  let busy = false;
  const timer = setInterval(() => {
    if (busy || !wanted()) return;
    busy = true;
    round()
      .catch(() => undefined)
      .finally(() => {
        busy = false;
      });
  }, ms);
  timer.unref();
  return () => clearInterval(timer);
}
