// One run per key at a time, and at most one more after it: a burst of requests for the same thing (a VM's state, a
// list) costs the run in flight plus one that starts after the last request, so its result is never older than
// any request. Used by the core (per-domain refreshes after libvirt events) and the renderer (list reloads).

interface Queued {
  fn: () => Promise<void>;
  done: Promise<void>;
}

export class CoalescedRuns {
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly queued = new Map<string, Queued>();

  /**
   * Runs `fn` for `key` now, or once the run in flight ends. Requests made while one is queued share it (the last
   * `fn` given is the one run). Resolves when the run that serves this request ends; rejects with its error.
   */
  run(key: string, fn: () => Promise<void>): Promise<void> {
    const waiting = this.queued.get(key);
    if (waiting) {
      waiting.fn = fn;
      return waiting.done;
    }
    const current = this.inFlight.get(key);
    if (!current) return this.start(key, fn);
    const entry: Queued = { fn, done: Promise.resolve() };
    entry.done = current
      .catch(() => undefined)
      .then(() => {
        this.queued.delete(key);
        return this.start(key, entry.fn);
      });
    this.queued.set(key, entry);
    return entry.done;
  }

  private start(key: string, fn: () => Promise<void>): Promise<void> {
    const run: Promise<void> = Promise.resolve()
      .then(fn)
      .finally(() => {
        if (this.inFlight.get(key) === run) this.inFlight.delete(key);
      });
    this.inFlight.set(key, run);
    return run;
  }
}
