import { describe, expect, it } from 'vitest';
import { secondsLeft } from '../../../renderer/features/bridges/bridge-countdown.js';

describe('secondsLeft', () => {
  const deadline = '2030-01-01T00:01:00.000Z';
  const at = (iso: string) => Date.parse(iso);
  it('rounds up to whole seconds and stops at 0', () => {
    expect(secondsLeft(deadline, at('2030-01-01T00:00:00.000Z'))).toBe(60);
    expect(secondsLeft(deadline, at('2030-01-01T00:00:59.001Z'))).toBe(1);
    expect(secondsLeft(deadline, at('2030-01-01T00:01:00.000Z'))).toBe(0);
    expect(secondsLeft(deadline, at('2030-01-01T00:05:00.000Z'))).toBe(0);
  });
  it('an unreadable deadline counts as passed', () => {
    expect(secondsLeft('', 0)).toBe(0);
  });
});
