// One run per key at a time plus at most one after it, which starts after the last request.
import { describe, expect, it } from 'vitest';
import { CoalescedRuns } from '../../../shared/coalesced-runs.js';

function deferred(): { promise: Promise<void>; resolve: () => void; reject: (e: Error) => void } {
  let resolve!: () => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('CoalescedRuns', () => {
  it('a burst during a run costs one more run, with the last function given, started after the first ends', async () => {
    const runs = new CoalescedRuns();
    const log: string[] = [];
    const first = deferred();
    const a = runs.run('k', async () => {
      log.push('start 1');
      await first.promise;
      log.push('end 1');
    });
    await Promise.resolve();
    const b = runs.run('k', async () => void log.push('run 2'));
    const c = runs.run('k', async () => void log.push('run 3'));
    expect(b).toBe(c);
    expect(log).toEqual(['start 1']);
    first.resolve();
    await Promise.all([a, b, c]);
    expect(log).toEqual(['start 1', 'end 1', 'run 3']);
  });

  it('keys are independent, a failed run rejects only its own callers and the queued run still goes', async () => {
    const runs = new CoalescedRuns();
    const gate = deferred();
    const log: string[] = [];
    const failing = runs.run('a', async () => {
      await gate.promise;
    });
    const queued = runs.run('a', async () => void log.push('a again'));
    await runs.run('b', async () => void log.push('b'));
    expect(log).toEqual(['b']);
    gate.reject(new Error('boom'));
    await expect(failing).rejects.toThrow('boom');
    await queued;
    expect(log).toEqual(['b', 'a again']);
    // Idle again: the next request runs at once.
    await runs.run('a', async () => void log.push('a third'));
    expect(log.at(-1)).toBe('a third');
  });
});
