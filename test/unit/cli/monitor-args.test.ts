import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../electron/cli/args.js';
import { parseSince } from '../../../electron/cli/commands/metrics.js';
import { secondsFlag } from '../../../electron/cli/commands/top.js';

describe('virtdeck metrics --since', () => {
  it('reads s, m, h and d spans', () => {
    expect(['90s', '15m', '1h', '1d', '30d', '366d'].map(parseSince)).toEqual([90, 900, 3600, 86_400, 30 * 86_400, 366 * 86_400]);
  });

  it.each(['', '1', 'h', '1w', '-1h', '1.5h', '59s', '367d', 'yesterday'])('refuses %j as a usage error naming the flag', (text) => {
    expect(() => parseSince(text)).toThrow(UsageError);
    expect(() => parseSince(text)).toThrow('--since');
  });
});

describe('--interval', () => {
  it('is whole seconds within its range, the default when absent', () => {
    expect(secondsFlag(undefined, 10, 1, 3600, 'interval')).toBe(10);
    expect(secondsFlag('5', 10, 1, 3600, 'interval')).toBe(5);
    for (const bad of ['0', '3601', '1.5', 'x', '']) expect(() => secondsFlag(bad, 10, 1, 3600, 'interval')).toThrow('--interval');
  });
});
