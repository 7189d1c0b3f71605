import { describe, expect, it } from 'vitest';
import { RingBuffer } from '../../../renderer/state/ring-buffer.js';

describe('RingBuffer', () => {
  it('keeps the newest `capacity` items, oldest first', () => {
    const r = new RingBuffer<number>(3);
    expect(r.toArray()).toEqual([]);
    expect(r.last()).toBeUndefined();
    for (const n of [1, 2]) r.push(n);
    expect(r.toArray()).toEqual([1, 2]);
    for (const n of [3, 4, 5]) r.push(n);
    expect(r.toArray()).toEqual([3, 4, 5]);
    expect(r.size).toBe(3);
    expect(r.last()).toBe(5);
  });

  it('wraps many times without losing order', () => {
    const r = new RingBuffer<number>(7);
    for (let i = 0; i < 1000; i++) r.push(i);
    expect(r.toArray()).toEqual([993, 994, 995, 996, 997, 998, 999]);
  });

  it('rejects a zero capacity', () => {
    expect(() => new RingBuffer(0)).toThrow(RangeError);
  });
});
