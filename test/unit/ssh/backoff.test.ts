import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_BACKOFF } from '../../../electron/ssh/backoff.js';

describe('backoffDelay', () => {
  it('doubles from the initial delay and stays at the maximum', () => {
    const schedule = Array.from({ length: 8 }, (_, i) => backoffDelay(i, { initialDelayMs: 100, maxDelayMs: 5000 }));
    expect(schedule).toEqual([100, 200, 400, 800, 1600, 3200, 5000, 5000]);
  });
  it('never overflows and rejects nonsense', () => {
    expect(backoffDelay(10_000, DEFAULT_BACKOFF)).toBe(DEFAULT_BACKOFF.maxDelayMs);
    expect(() => backoffDelay(-1, DEFAULT_BACKOFF)).toThrow(RangeError);
  });
});
