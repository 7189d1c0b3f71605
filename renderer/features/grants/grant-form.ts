// The grant dialog's fields as a draft for grants.create, and what is wrong with them (pure: unit-tested).
import type { MessageKey } from '../../app/i18n/index.js';

export interface GrantForm {
  for: string;
  window: 'for' | 'until';
  hours: number;
  minutes: number;
  /** A datetime-local value (the browser's local time). */
  until: string;
  vnc: boolean;
  serial: boolean;
  viewOnly: boolean;
  /** Addresses or CIDR ranges, comma- or space-separated. */
  from: string;
  passphrase: string;
  passphraseAgain: string;
}

export const emptyGrantForm = (): GrantForm => ({
  for: '',
  window: 'for',
  hours: 2,
  minutes: 0,
  until: '',
  vnc: true,
  serial: false,
  viewOnly: true,
  from: '',
  passphrase: '',
  passphraseAgain: '',
});

/** The grant's end as ISO-8601 (null when the window is not a time in the future). */
export function grantEnd(f: GrantForm, now: Date): string | null {
  const at = f.window === 'for' ? now.getTime() + ((f.hours || 0) * 60 + (f.minutes || 0)) * 60_000 : Date.parse(f.until);
  return Number.isNaN(at) || at <= now.getTime() ? null : new Date(at).toISOString();
}

/** The source ranges, split (the core's schema checks each as sshd's from= takes it). */
export const sourceRanges = (text: string): string[] => text.split(/[\s,]+/).filter(Boolean);

const RANGE = /^(?:[0-9.]+|[0-9a-fA-F:]+)(?:\/[0-9]{1,3})?$/;

export type GrantFormIssues = Partial<Record<'for' | 'window' | 'kinds' | 'from' | 'passphrase' | 'passphraseAgain', { key: MessageKey; value?: string }>>;

export function grantFormIssues(f: GrantForm, now: Date): GrantFormIssues {
  const issues: GrantFormIssues = {};
  if (!f.for.trim()) issues.for = { key: 'grant.forPlaceholder' };
  if (!grantEnd(f, now)) issues.window = { key: 'grant.needWindow' };
  if (!f.vnc && !f.serial) issues.kinds = { key: 'grant.needKind' };
  const bad = sourceRanges(f.from).find((r) => !RANGE.test(r));
  if (bad !== undefined) issues.from = { key: 'grant.fromInvalid', value: bad };
  if (f.passphrase.length < 8) issues.passphrase = { key: 'grant.passphraseShort' };
  else if (f.passphrase !== f.passphraseAgain) issues.passphraseAgain = { key: 'grant.passphraseMismatch' };
  return issues;
}
