// The Audit view's filter form → the audit.list filter (pure): empty fields are no filter; a "to" date includes its
// whole day (the call's `until` is exclusive).
import type { AuditFilter, AuditResult } from '../../../shared/model/audit.js';

export interface AuditForm {
  host: string;
  vm: string;
  /** yyyy-mm-dd or '' */
  since: string;
  until: string;
  result: AuditResult | '';
  text: string;
}

export const EMPTY_AUDIT_FORM: AuditForm = { host: '', vm: '', since: '', until: '', result: '', text: '' };

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function dayAfter(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export function auditFilterOf(form: AuditForm): AuditFilter {
  const f: AuditFilter = {};
  if (form.host) f.host = form.host;
  if (form.vm.trim()) f.vm = form.vm.trim();
  if (DATE.test(form.since)) f.since = form.since;
  if (DATE.test(form.until)) f.until = dayAfter(form.until);
  if (form.result) f.result = form.result;
  if (form.text.trim()) f.text = form.text.trim().slice(0, 200);
  return f;
}
