// The pure parts of the audit log: a filter's test, the merge of the local log with hosts' files (one entry per id,
// the most finished copy winning), a host file's lines, and the CSV export.
import { auditEntry } from '../../../shared/ipc/audit-schemas.js';
import type { AuditEntry, AuditFilter } from '../../../shared/model/audit.js';

export const DEFAULT_AUDIT_LIMIT = 1000;

/** A date alone (2026-12-01) is that day's start, UTC; anything Date.parse reads is a moment. */
export function instant(text: string): number {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) ? Date.parse(`${text}T00:00:00Z`) : Date.parse(text);
}

function words(e: AuditEntry): string {
  const args = Object.entries(e.args).map(([k, v]) => `${k}=${String(v)}`);
  return [e.action, e.host, e.vm, e.object, e.user, e.code, e.result, e.taskId, ...args].filter(Boolean).join(' ').toLowerCase();
}

export function matches(e: AuditEntry, f: AuditFilter): boolean {
  const at = Date.parse(e.at);
  if (f.host !== undefined && e.host !== f.host) return false;
  if (f.vm !== undefined && e.vm !== f.vm) return false;
  if (f.since !== undefined && !(at >= instant(f.since))) return false;
  if (f.until !== undefined && !(at < instant(f.until))) return false;
  if (f.result !== undefined && e.result !== f.result) return false;
  if (f.text !== undefined && !words(e).includes(f.text.toLowerCase())) return false;
  return true;
}

/** An ended copy beats a running one (the host has the end; a crashed local row may not). */
const rank = (e: AuditEntry): number => (e.result === 'running' ? 0 : e.result === 'interrupted' ? 1 : 2);

/** The entries of every source, one per id, filtered, newest first, at most the filter's limit. */
export function mergeEntries(sources: readonly (readonly AuditEntry[])[], f: AuditFilter): AuditEntry[] {
  const byId = new Map<string, AuditEntry>();
  for (const list of sources) {
    for (const e of list) {
      const seen = byId.get(e.id);
      if (!seen || rank(e) > rank(seen)) byId.set(e.id, e);
    }
  }
  return [...byId.values()]
    .filter((e) => matches(e, f))
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.id < b.id ? 1 : -1))
    .slice(0, f.limit ?? DEFAULT_AUDIT_LIMIT);
}

/** One line of a host's file. */
export function entryLine(e: AuditEntry): string {
  return `${JSON.stringify(e)}\n`;
}

/** The entries of a host's file; a torn or foreign line (the file's first line when read from its tail) is skipped. */
export function parseLines(text: string): AuditEntry[] {
  const out: AuditEntry[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const r = auditEntry.safeParse(JSON.parse(line));
      if (r.success) out.push(r.data);
    } catch {
      // a line cut by the tail read, or not ours
    }
  }
  return out;
}

export const CSV_COLUMNS = ['at', 'endedAt', 'user', 'action', 'host', 'vm', 'object', 'result', 'code', 'taskId', 'args', 'id'] as const;

/** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled; a leading =+-@ is defused. */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function toCsv(entries: readonly AuditEntry[]): string {
  const rows = entries.map((e) =>
    CSV_COLUMNS.map((c) => {
      if (c === 'args') return Object.entries(e.args).map(([k, v]) => `${k}=${String(v)}`).join(' ');
      return e[c] ?? '';
    }),
  );
  return [[...CSV_COLUMNS], ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
