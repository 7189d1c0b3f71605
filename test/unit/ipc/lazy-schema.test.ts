import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { contract } from '../../../shared/ipc/contract.js';
import { lazyCalls, lazySchema } from '../../../shared/ipc/lazy-schema.js';

describe('schemas built on first use', () => {
  it('a lazy schema is built once, when first touched, and then acts as the schema itself', () => {
    let builds = 0;
    const name = lazySchema(() => {
      builds++;
      return z.string().min(2);
    });
    // Composing it into another lazy schema touches nothing yet.
    const pair = lazySchema(() => z.object({ a: name, b: name.optional() }).strict());
    expect(builds).toBe(0);
    expect(pair.safeParse({ a: 'xy' }).success).toBe(true);
    expect(builds).toBe(1);
    const bad = pair.safeParse({ a: 'x', b: 1, c: 0 });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['too_small', 'a'],
      ['invalid_type', 'b'],
      ['unrecognized_keys', ''],
    ]);
    expect(name instanceof z.ZodString).toBe(true);
    expect(pair.shape.a.parse('abc')).toBe('abc');
    expect(Object.keys(pair.shape)).toEqual(['a', 'b']);
    expect(builds).toBe(1);
  });

  it('a lazy entry is made on its first read only, and enumerates like a plain property', () => {
    const made: string[] = [];
    const calls = lazyCalls({
      one: () => (made.push('one'), { input: z.number() }),
      two: () => (made.push('two'), { input: z.string() }),
    });
    expect(Object.keys(calls)).toEqual(['one', 'two']);
    expect(Object.hasOwn(calls, 'two')).toBe(true);
    expect(made).toEqual([]);
    expect(calls.two.input.parse('x')).toBe('x');
    expect(calls.two).toBe(calls.two);
    expect(made).toEqual(['two']);
  });

  it('the contract answers a call name and its schemas like a plain object', () => {
    expect(Object.keys(contract)).toContain('vms.list');
    expect('task' in contract['hosts.connect']).toBe(true);
    expect('task' in contract['vms.list']).toBe(false);
    expect(contract['vms.list'].input.safeParse({ host: 'a/b' }).success).toBe(false);
    expect(contract['vms.list'].input.parse({ host: 'h1' })).toEqual({ host: 'h1' });
  });
});
