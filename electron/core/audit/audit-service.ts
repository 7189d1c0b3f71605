// The audit log: the dispatcher opens an entry for every audited call (audited-calls.ts) before it runs and ends it
// with its result; VirtDeck's own actions (a grant's expiry) are recorded whole. Entries live in this home's
// audit.sqlite; an entry about a host is also appended to that host's audit file over SFTP — at once when the host
// is online, else it waits in the local log (host_pending) and goes when the host (re)connects. Listing merges the
// local log with the files of the hosts asked about, one entry per id. Both stay bounded: a host's file rotates
// (host-audit-file.ts), and the local log drops old ended entries when the service opens and every few hours.
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { hostname, userInfo } from 'node:os';
import type { CallName } from '../../../shared/ipc/contract.js';
import { type AuditEntry, type AuditFilter, HOST_AUDIT_FILE } from '../../../shared/model/audit.js';
import type { AuditStore } from '../../inventory/audit-store.js';
import { processAlive } from '../process-alive.js';
import { isAudited } from './audited-calls.js';
import { entryLine, instant, mergeEntries, parseLines, toCsv } from './audit-entries.js';
import { auditTarget, type AuditTarget } from './audit-target.js';
import { appendAuditLines, readAuditTail, type AuditFileTransport } from './host-audit-file.js';

/** Entries appended to a host per write. */
const FLUSH_BATCH = 200;
/** The local log keeps a year of entries (an audit is asked about last quarter's change, rarely older; the hosts'
 *  files hold what every home did)… */
export const AUDIT_KEEP_DAYS = 365;
/** …and at most as many rows as one list scans (AuditStore's SCAN_LIMIT): ~40 MB at ~400 bytes a row. */
export const AUDIT_KEEP_ROWS = 100_000;
/** How often a long-running app prunes (a CLI run prunes once, when it opens the log). */
const PRUNE_EVERY_MS = 6 * 3600_000;

/** The hosts as the audit log needs them (HostRegistry). */
export interface AuditHosts {
  isOnline(name: string): boolean;
  names(): string[];
  get(name: string): { readonly transport: AuditFileTransport };
}

/** What the dispatcher holds while an audited call runs. */
export interface AuditOpen {
  /** The entry's id. */
  readonly id: string;
  /** The call ended: its error, or null and its value (a call whose input names no host may answer one: the entry
   *  takes it, e.g. grants.revoke finds the grant's host). */
  end(error: { code: string } | null, value?: unknown): void;
}

/** The host (and VM) a call's answer names, when it is an object that has one. */
function answeredTarget(value: unknown): { host: string; vm: string | null } | null {
  if (typeof value !== 'object' || value === null) return null;
  const { host, vm } = value as { host?: unknown; vm?: unknown };
  return typeof host === 'string' && host ? { host, vm: typeof vm === 'string' && vm ? vm : null } : null;
}

/** OS user@machine of this process. */
export function whoAmI(): string {
  let user: string;
  try {
    user = userInfo().username;
  } catch {
    user = process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
  return `${user}@${hostname()}`;
}

// No parameter properties here: the kill -9 test runs this file with Node's own type stripping.
export class AuditService {
  readonly user = whoAmI();
  /** The flush of each host under way (one at a time per host). */
  private readonly flushing = new Map<string, Promise<void>>();
  private readonly store: AuditStore;
  private readonly hosts: AuditHosts;
  private readonly pruning: ReturnType<typeof setInterval>;

  constructor(store: AuditStore, hosts: AuditHosts) {
    this.store = store;
    this.hosts = hosts;
    store.interruptDead(processAlive);
    this.prune();
    this.pruning = setInterval(() => this.prune(), PRUNE_EVERY_MS);
    this.pruning.unref();
  }

  /** Drops what the local log no longer keeps (never a running entry, nor one still due on its host). */
  private prune(): void {
    this.store.prune(new Date(Date.now() - AUDIT_KEEP_DAYS * 86_400_000).toISOString(), AUDIT_KEEP_ROWS);
  }

  /** An audited call starts (null for a read): its entry is written before the call does anything. */
  begin(call: CallName, input: unknown, taskId: string | null): AuditOpen | null {
    if (!isAudited(call)) return null;
    const entry = this.entry(call, auditTarget(call, input), taskId);
    this.store.add(entry, process.pid);
    return {
      id: entry.id,
      end: (error, value) => {
        const found = entry.host === null && !error ? answeredTarget(value) : null;
        try {
          this.store.end(entry.id, new Date().toISOString(), error ? 'error' : 'ok', error?.code ?? null, found);
        } catch {
          return; // the row stays running and reads as interrupted once this process is gone
        }
        const host = entry.host ?? found?.host;
        if (host) this.flushInBackground(host);
      },
    };
  }

  /** An action VirtDeck took on its own, ended already (e.g. grants.expired). */
  record(action: string, target: AuditTarget): void {
    const entry = { ...this.entry(action, target, null), result: 'ok' as const };
    entry.endedAt = entry.at;
    this.store.add(entry, null);
    if (entry.host) this.flushInBackground(entry.host);
  }

  /** A host is (back) online: the lines it missed go now. */
  hostOnline(host: string): void {
    this.flushInBackground(host);
  }

  /** This home's entries merged with the files of the filter's host (or every online host), newest first. */
  async list(f: AuditFilter): Promise<{ entries: AuditEntry[]; unreadHosts: string[] }> {
    const range = {
      host: f.host,
      since: f.since === undefined ? undefined : new Date(instant(f.since)).toISOString(),
      until: f.until === undefined ? undefined : new Date(instant(f.until)).toISOString(),
    };
    const local = this.store.list(range);
    const asked = f.host !== undefined ? [f.host] : this.hosts.names();
    const unreadHosts: string[] = [];
    const remote = await Promise.all(
      asked.map(async (host) => {
        try {
          if (!this.hosts.isOnline(host)) throw new Error('offline');
          const tails = await readAuditTail(this.hosts.get(host).transport, HOST_AUDIT_FILE);
          // A tail read may start inside a line: parseLines skips the torn one.
          return tails.flatMap((buf) => parseLines(buf.toString('utf8'))).filter((e) => e.host === host);
        } catch {
          unreadHosts.push(host);
          return [];
        }
      }),
    );
    return { entries: mergeEntries([local, ...remote], f), unreadHosts: unreadHosts.sort() };
  }

  /** The filtered entries as CSV into `file` (a new file the user picked); how many rows. */
  async exportCsv(f: AuditFilter, file: string): Promise<number> {
    const { entries } = await this.list(f);
    await writeFile(file, toCsv(entries), { mode: 0o600 });
    return entries.length;
  }

  close(): void {
    clearInterval(this.pruning);
    this.store.close();
  }

  /** Waits for the appends under way (before the process exits). */
  async settle(): Promise<void> {
    while (this.flushing.size > 0) await Promise.all([...this.flushing.values()]);
  }

  private entry(action: string, target: AuditTarget, taskId: string | null): AuditEntry {
    return {
      id: randomUUID(),
      at: new Date().toISOString(),
      endedAt: null,
      user: this.user,
      action,
      ...target,
      result: 'running',
      code: null,
      taskId,
    };
  }

  private flushInBackground(host: string): void {
    const before = this.flushing.get(host) ?? Promise.resolve();
    const next = before.then(() => this.flush(host)).catch(() => undefined); // a failed append waits for the next connect
    this.flushing.set(host, next);
    void next.finally(() => {
      if (this.flushing.get(host) === next) this.flushing.delete(host);
    });
  }

  private async flush(host: string): Promise<void> {
    for (;;) {
      if (!this.hosts.isOnline(host)) return;
      const due = this.store.pendingFor(host, FLUSH_BATCH);
      if (due.length === 0) return;
      await appendAuditLines(this.hosts.get(host).transport, HOST_AUDIT_FILE, Buffer.from(due.map(entryLine).join('')), this.user);
      this.store.markSent(due.map((e) => e.id));
    }
  }
}
