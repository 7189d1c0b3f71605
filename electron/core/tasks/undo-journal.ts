// Durable undo of multi-step tasks. A task opens an entry in the inventory, records each change as a step (data,
// see undo-steps.ts) as it makes it, and commits when it succeeds. When it fails, the steps are undone, last first,
// over the host's CURRENT connection: with the link down the task asks the host to reconnect and waits a while.
// If the host does not come back in time, or the process dies, the entry stays in the inventory and is finished
// by whichever process connects to that host next. An undo stops at the first step that fails, so a later step
// (e.g. an address given back to IPAM, always recorded first) never runs before the host side is really clean.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Inventory } from '../../inventory/inventory.js';
import type { StoredReservation } from '../../inventory/instance-store.js';
import type { StoredUndo } from '../../inventory/undo-store.js';
import { LibvirtConnectionClosedError } from '../../libvirt/errors.js';
import { SshOfflineError } from '../../ssh/errors.js';
import { report, type ErrorReport } from '../../../shared/model/errors.js';
import { CoreError, errorReport } from '../errors.js';
import { hostExec, type HostExecResult } from '../hosts/host-exec.js';
import { processAlive } from '../process-alive.js';
import type { HostRegistry } from '../hosts/host-registry.js';
import { describeStep, isUndoStep, undoStep, type UndoLibvirt, type UndoStep, type UndoTarget } from './undo-steps.js';

/** How the journal reaches hosts (HostRegistry in the app; a fake in unit tests). */
export interface UndoHosts {
  /** The host's live libvirt connection, or null while it is not online. */
  live(host: string): UndoLibvirt | null;
  exec(host: string, argv: readonly string[]): Promise<HostExecResult>;
  /** Reconnect now instead of at the next backoff (starts supervision where none runs, as in the CLI). */
  reconnect(host: string): void;
}

/** IPAM as the journal uses it: the home whose orphans it may free, and a release on the host. */
export type UndoIpam = { home: string; release(host: string, network: string, ip: string): Promise<void> };

export interface UndoOptions {
  /** How long a failed task waits for its host to come back before leaving the undo pending. */
  waitMs?: number;
  pollMs?: number;
  /** Whether a process id is alive (an entry of a live process is that process's to finish). */
  isAlive?: (pid: number) => boolean;
}

/** What a rollback achieved: steps undone (in undo order) and steps still pending, with why. */
export interface UndoOutcome {
  undone: string[];
  left: string[];
  error: ErrorReport | null;
}

interface RunResult {
  finished: boolean;
  error: ErrorReport | null;
  /** The failure was the link to the host (so waiting for it to come back may help). */
  link: boolean;
}

export const UNDO_WAIT_MS = 60_000;
const POLL_MS = 500;

/** The link to the host failed (as opposed to the host refusing): the call's outcome on the host is unknown. */
export function isLinkFailure(err: unknown): boolean {
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    if (e instanceof LibvirtConnectionClosedError || e instanceof SshOfflineError) return true;
    if (e instanceof CoreError && (e.code === 'host.offline' || e.code === 'ipam.host-offline')) return true;
  }
  return false;
}

/** One task's entry: the steps it recorded, in order. */
export class UndoEntry {
  private readonly steps: UndoStep[] = [];

  constructor(
    private readonly journal: UndoJournal,
    readonly id: string,
    readonly host: string,
  ) {}

  /** Records a change made (or about to be made: steps are idempotent, undoing something never made is a no-op). */
  record(step: UndoStep): void {
    this.steps.push(step);
    this.journal.save(this.id, this.steps);
  }

  /**
   * Records `step`, then makes the change. When the host refused the change, nothing was made and the step is
   * dropped again; when the link failed, the change may have happened and the step stays.
   */
  async attempt<T>(step: UndoStep, fn: () => Promise<T>): Promise<T> {
    this.record(step);
    try {
      return await fn();
    } catch (err) {
      if (!isLinkFailure(err)) {
        this.steps.splice(this.steps.lastIndexOf(step), 1);
        this.journal.save(this.id, this.steps);
      }
      throw err;
    }
  }
}

export class UndoJournal {
  /** This process, as entry owner: the pid (so others can tell whether it lives) and a token (pids get reused). */
  private readonly owner = `${process.pid}:${randomBytes(6).toString('hex')}`;
  private readonly runs = new Map<string, Promise<RunResult>>();
  private readonly background = new Set<Promise<unknown>>();
  private readonly waitMs: number;
  private readonly pollMs: number;
  private readonly isAlive: (pid: number) => boolean;
  /** How an undone task gives its address back (IPAM keeps it on the host); the cache alone until IPAM is set up. */
  private ipam: UndoIpam | null = null;

  constructor(
    private readonly inventory: Inventory,
    private readonly hosts: UndoHosts,
    opts: UndoOptions = {},
  ) {
    this.waitMs = opts.waitMs ?? UNDO_WAIT_MS;
    this.pollMs = opts.pollMs ?? POLL_MS;
    this.isAlive = opts.isAlive ?? processAlive;
  }

  begin(host: string, task: string): UndoEntry {
    const id = randomUUID();
    this.inventory.undo.add({ id, host, task, owner: this.owner, state: 'running', steps: [], created: new Date().toISOString() });
    return new UndoEntry(this, id, host);
  }

  /** Clean-up to do on a host now, or on its next connect if it is away (e.g. the seed of a VM deleted elsewhere). */
  schedule(host: string, task: string, steps: UndoStep[]): void {
    const id = randomUUID();
    this.inventory.undo.add({ id, host, task, owner: this.owner, state: 'undo', steps, created: new Date().toISOString() });
    const lv = this.hosts.live(host);
    if (lv) this.inBackground(this.run(id, host, lv));
  }

  /** @internal (UndoEntry) */
  save(id: string, steps: UndoStep[]): void {
    this.inventory.undo.setSteps(id, steps);
  }

  /** The task succeeded: its changes stay. `andThen` writes the task's own rows in the same transaction. */
  commit(entry: UndoEntry, andThen?: () => void): void {
    this.inventory.atomically(() => {
      andThen?.();
      this.inventory.undo.remove(entry.id);
    });
  }

  /**
   * The task failed: undoes its steps over the host's current connection, waiting up to waitMs for a dropped
   * host to come back. What is not undone by then stays pending and is finished on the host's next connect.
   */
  async rollback(entry: UndoEntry): Promise<UndoOutcome> {
    const all = this.stepsOf(entry.id);
    this.inventory.undo.setState(entry.id, 'undo');
    const until = Date.now() + this.waitMs;
    let asked = false;
    let error: ErrorReport | null = null;
    while (this.inventory.undo.get(entry.id)) {
      const lv = this.hosts.live(entry.host);
      if (lv) {
        const r = await this.run(entry.id, entry.host, lv);
        error = r.error;
        if (r.finished || !r.link) break;
      }
      if (Date.now() >= until) break;
      if (!asked) this.hosts.reconnect(entry.host);
      asked = true;
      // Meanwhile the host may reconnect, and resume() finish this very entry.
      await new Promise((resolve) => setTimeout(resolve, this.pollMs));
    }
    await this.runs.get(entry.id);
    const rest = this.inventory.undo.get(entry.id);
    const left = rest ? this.stepsOf(entry.id) : [];
    return {
      undone: all.slice(left.length).reverse().map(describeStep),
      left: left.map(describeStep),
      error: rest ? (storedError(rest.error) ?? error ?? report('undo.host-offline', { host: entry.host })) : null,
    };
  }

  /**
   * A host (re)connected: finish every entry of it that is due (its task gave up, or the process that owned it
   * is gone), over this connection, and release reservations no task holds any more. Does not wait, and never
   * fails the connect: what it could not start (e.g. the inventory busy for long) stays for the next connect.
   */
  resume(host: string, lv: UndoLibvirt): void {
    this.inBackground(
      (async () => {
        this.releaseOrphans();
        for (const row of this.inventory.undo.list(host)) {
          if (this.due(row)) this.inBackground(this.run(row.id, host, lv));
        }
      })(),
    );
  }

  /** Entries not finished yet (a host that stayed away, a step that failed), oldest first. */
  pending(host?: string): StoredUndo[] {
    return this.inventory.undo.list(host);
  }

  /** Reservations bound to no VM whose task no longer exists (see InstanceStore.releaseOrphans). */
  releaseOrphans(): StoredReservation[] {
    return this.inventory.instances.releaseOrphans(this.ipam?.home ?? null);
  }

  /** IPAM joins once it exists (it needs the journal's hosts first). */
  useIpam(ipam: UndoIpam): void {
    this.ipam = ipam;
  }

  /** Waits for undos started by resume() (call before closing connections). */
  async settle(): Promise<void> {
    await Promise.all([...this.background]);
  }

  private inBackground(run: Promise<unknown>): void {
    const p = run.catch(() => undefined);
    this.background.add(p);
    void p.finally(() => this.background.delete(p));
  }

  private due(row: StoredUndo): boolean {
    if (row.owner === this.owner) return row.state === 'undo';
    const pid = Number(row.owner.split(':')[0]);
    if (pid !== process.pid && this.isAlive(pid)) return false;
    return this.inventory.undo.claim(row.id, row.owner, this.owner);
  }

  private stepsOf(id: string): UndoStep[] {
    return (this.inventory.undo.get(id)?.steps ?? []) as UndoStep[];
  }

  /** One run per entry at a time: a task waiting for its host and the reconnect hook share it. */
  private run(id: string, host: string, lv: UndoLibvirt): Promise<RunResult> {
    let p = this.runs.get(id);
    if (!p) {
      p = this.undoSteps(id, host, lv).finally(() => this.runs.delete(id));
      this.runs.set(id, p);
    }
    return p;
  }

  private async undoSteps(id: string, host: string, lv: UndoLibvirt): Promise<RunResult> {
    const row = this.inventory.undo.get(id);
    if (!row) return { finished: true, error: null, link: false };
    const target: UndoTarget = {
      lv,
      exec: (argv) => this.hosts.exec(host, argv),
      releaseIp: async (network, ip) => void (this.ipam ? await this.ipam.release(host, network, ip) : this.inventory.instances.releaseIp(host, network, ip)),
    };
    const steps = [...row.steps];
    while (steps.length) {
      const step = steps.at(-1);
      if (!isUndoStep(step)) {
        const error = report('undo.unknown-step', { step: JSON.stringify(step) });
        this.inventory.undo.setError(id, JSON.stringify(error));
        return { finished: false, error, link: false };
      }
      try {
        await undoStep(step, target);
      } catch (err) {
        const error = report('undo.step-failed', { step: describeStep(step), cause: errorReport(err) });
        this.inventory.undo.setError(id, JSON.stringify(error));
        return { finished: false, error, link: isLinkFailure(err) };
      }
      steps.pop();
      if (steps.length) this.inventory.undo.setSteps(id, steps);
    }
    this.inventory.undo.remove(id);
    return { finished: true, error: null, link: false };
  }
}

/** The journal's view of the configured hosts: their current connection, exec, and reconnect-now. */
export function undoHostsOf(registry: HostRegistry): UndoHosts {
  return {
    live: (host) => {
      try {
        return registry.isOnline(host) ? registry.get(host).libvirt() : null;
      } catch {
        return null; // online in name only: the link just dropped
      }
    },
    exec: (host, argv) => hostExec(registry.get(host), argv),
    reconnect: (host) => registry.get(host).retryNow(),
  };
}

/** The error a journal row keeps (a report as JSON; older rows hold a line of text). */
function storedError(text: string | null): ErrorReport | null {
  if (text === null) return null;
  try {
    return JSON.parse(text) as ErrorReport;
  } catch {
    return report('internal', { message: text });
  }
}
