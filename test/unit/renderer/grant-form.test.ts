// The grant dialog's fields: the window as an end time, source ranges, and what stops a create.
import { describe, expect, it } from 'vitest';
import { emptyGrantForm, grantEnd, grantFormIssues, sourceRanges } from '../../../renderer/features/grants/grant-form.js';

const NOW = new Date('2026-12-02T12:00:00Z');
const ok = { ...emptyGrantForm(), for: 'Ann', passphrase: 'correct horse', passphraseAgain: 'correct horse' };

describe('grant form', () => {
  it('a window of hours and minutes ends that long from now; a date ends then; the past is no window', () => {
    expect(grantEnd({ ...ok, hours: 2, minutes: 30 }, NOW)).toBe('2026-12-02T14:30:00.000Z');
    expect(grantEnd({ ...ok, hours: 0, minutes: 0 }, NOW)).toBeNull();
    expect(grantEnd({ ...ok, window: 'until', until: '2026-12-03T09:15:00Z' }, NOW)).toBe('2026-12-03T09:15:00.000Z');
    expect(grantEnd({ ...ok, window: 'until', until: '2026-12-01T09:15:00Z' }, NOW)).toBeNull();
    expect(grantEnd({ ...ok, window: 'until', until: '' }, NOW)).toBeNull();
  });

  it('source ranges split on commas and spaces', () => {
    expect(sourceRanges(' 10.0.0.0/8, 192.0.2.7  2001:db8::/32,')).toEqual(['10.0.0.0/8', '192.0.2.7', '2001:db8::/32']);
    expect(sourceRanges('')).toEqual([]);
  });

  it('a complete form has no issues; each missing or wrong field has its own', () => {
    expect(grantFormIssues(ok, NOW)).toEqual({});
    const issues = grantFormIssues({ ...emptyGrantForm(), hours: 0, vnc: false, from: '10.0.0.0/8, host.example', passphrase: 'short' }, NOW);
    expect(issues).toEqual({
      for: { key: 'grant.forPlaceholder' },
      window: { key: 'grant.needWindow' },
      kinds: { key: 'grant.needKind' },
      from: { key: 'grant.fromInvalid', value: 'host.example' },
      passphrase: { key: 'grant.passphraseShort' },
    });
    expect(grantFormIssues({ ...ok, passphraseAgain: 'correct horses' }, NOW)).toEqual({ passphraseAgain: { key: 'grant.passphraseMismatch' } });
  });
});
