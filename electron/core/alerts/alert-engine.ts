// The rule state machine: core events and level checks in, alerts opened and cleared in the store out. The store
// is the state (one open row per key, kept across restarts and shared with another process), so an alert fires
// once while its condition holds and clears once when it stops; `fired`/`cleared` are told only of real changes.
import type { AlertParams, AlertRecord, AlertRule, AlertRuleId } from '../../../shared/model/alerts.js';
import type { CoreEvent } from '../../../shared/model/events.js';
import { poolFillPercent } from '../../../shared/model/monitor.js';
import type { PoolInfo } from '../../../shared/model/storage.js';
import type { TaskInfo } from '../../../shared/model/task.js';
import type { VmInfo } from '../../../shared/model/vm.js';
import type { AlertStore } from '../../inventory/alert-store.js';

/** A VM that stops this long after a VirtDeck task on it ended is taken as VirtDeck's doing. */
export const ACTION_GRACE_MS = 10_000;

/** Stop details that are not trouble: the VM moved, or went back to a snapshot. */
const QUIET_STOPS = new Set(['migrated', 'from-snapshot']);

/** What one level check saw of one online host. */
export interface HostLevels {
  host: string;
  pools: readonly PoolInfo[];
  memory: { usedKiB: number; totalKiB: number } | null;
}

export interface AlertChanges {
  fired(alert: AlertRecord): void;
  cleared(alert: AlertRecord): void;
}

interface Firing {
  host: string | null;
  params: AlertParams;
}

type Book = Pick<AlertStore, 'rules' | 'fire' | 'clear' | 'open' | 'noteAction' | 'actedOn'>;

const keyOf = (rule: AlertRuleId, ...parts: string[]): string => [rule, ...parts].join('/');

export class AlertEngine {
  /** The state each task was last noted in (a task sends many progress events; the store is written on changes). */
  private readonly noted = new Map<string, boolean>();

  constructor(
    private readonly book: () => Book,
    private readonly changes: AlertChanges,
    private readonly now: () => Date = () => new Date(),
  ) {}

  onEvent(e: CoreEvent): void {
    switch (e.type) {
      case 'host-status':
        if (e.status === 'offline') this.fire('host-offline', keyOf('host-offline', e.host), e.host, { host: e.host });
        else if (e.status === 'online' || e.status === 'disabled') this.clear(keyOf('host-offline', e.host));
        return;
      case 'host-removed':
        for (const a of this.book().open()) if (a.host === e.host) this.clear(a.key);
        return;
      case 'task':
        this.onTask(e.task);
        return;
      case 'domain-event':
        this.onDomainEvent(e.host, e.uuid, e.name, e.event, e.detail);
        return;
      case 'vm-removed':
        this.clear(keyOf('vm-stopped', e.host, e.uuid));
        this.clear(keyOf('agent-gone', e.host, e.uuid));
        return;
      default:
    }
  }

  /**
   * Level rules over what a check saw: pools and memory of the hosts given (alerts of other hosts stay as they
   * are), and addresses over every VM given.
   */
  check(levels: readonly HostLevels[], vms: readonly VmInfo[]): void {
    const rules = this.rulesById();
    const checked = new Set(levels.map((l) => l.host));
    const pools = new Map<string, Firing>();
    const memory = new Map<string, Firing>();
    for (const l of levels) {
      for (const p of l.pools) {
        const percent = Math.round(poolFillPercent(p));
        if (p.state === 'running' && percent >= (rules['pool-full'].threshold ?? 100)) {
          pools.set(keyOf('pool-full', l.host, p.name), { host: l.host, params: { host: l.host, pool: p.name, percent } });
        }
      }
      const percent = l.memory && l.memory.totalKiB > 0 ? Math.round((l.memory.usedKiB / l.memory.totalKiB) * 100) : 0;
      if (percent >= (rules['host-memory'].threshold ?? 100)) {
        memory.set(keyOf('host-memory', l.host), { host: l.host, params: { host: l.host, percent } });
      }
    }
    this.reconcile('pool-full', pools, (a) => a.host !== null && checked.has(a.host));
    this.reconcile('host-memory', memory, (a) => a.host !== null && checked.has(a.host));
    this.reconcile('ip-conflict', addressClaims(vms), () => true);
  }

  /** Opens what `now` holds of `rule` and clears its open alerts in scope that `now` no longer holds. */
  private reconcile(rule: AlertRuleId, now: ReadonlyMap<string, Firing>, inScope: (a: AlertRecord) => boolean): void {
    for (const [key, f] of now) this.fire(rule, key, f.host, f.params);
    for (const a of this.book().open()) if (a.rule === rule && inScope(a) && !now.has(a.key)) this.clear(a.key);
  }

  /**
   * Notes VirtDeck's own task in the store (for "stopped without a VirtDeck action", in this process or another);
   * every core does this, also one that evaluates no rules.
   */
  noteTask(t: TaskInfo): void {
    const ended = t.state !== 'running';
    if (t.host === null || this.noted.get(t.id) === ended) return;
    if (ended) this.noted.delete(t.id);
    else this.noted.set(t.id, false);
    const subjects = Object.entries(t.args).filter(([k]) => k !== 'host').map(([, v]) => String(v));
    this.book().noteAction(t.id, t.host, subjects, this.now().toISOString(), ended);
  }

  private onTask(t: TaskInfo): void {
    this.noteTask(t);
    if (t.state === 'running' || t.state === 'cancelled') return;
    const key = keyOf('task-failed', t.host ?? '', t.op, JSON.stringify(t.args));
    if (t.state === 'succeeded') this.clear(key);
    else this.fire('task-failed', key, t.host, { ...t.args, op: t.op, error: t.error?.code ?? 'internal' });
  }

  private onDomainEvent(host: string, uuid: string, name: string, event: string, detail: string): void {
    const stoppedKey = keyOf('vm-stopped', host, uuid);
    const agentKey = keyOf('agent-gone', host, uuid);
    if ((event === 'stopped' && !QUIET_STOPS.has(detail)) || event === 'crashed') {
      this.clear(agentKey);
      if (!this.virtDeckActed(host, uuid, name)) this.fire('vm-stopped', stoppedKey, host, { host, vm: name, detail: `${event}/${detail}` });
    } else if (event === 'started' || event === 'resumed') {
      this.clear(stoppedKey);
    } else if (event === 'disconnected' && detail === 'channel') {
      this.fire('agent-gone', agentKey, host, { host, vm: name });
    } else if (event === 'connected') {
      this.clear(agentKey);
    }
  }

  /** A VirtDeck task on this VM (any process's) runs, or ended within ACTION_GRACE_MS. */
  private virtDeckActed(host: string, uuid: string, name: string): boolean {
    return this.book().actedOn(host, [name, uuid], new Date(this.now().getTime() - ACTION_GRACE_MS).toISOString());
  }

  private rulesById(): Record<AlertRuleId, AlertRule> {
    return Object.fromEntries(this.book().rules().map((r) => [r.id, r])) as Record<AlertRuleId, AlertRule>;
  }

  private fire(rule: AlertRuleId, key: string, host: string | null, params: AlertParams): void {
    if (!this.rulesById()[rule].enabled) return;
    const a = this.book().fire(rule, key, host, params, this.now().toISOString());
    if (a) this.changes.fired(a);
  }

  private clear(key: string): void {
    const a = this.book().clear(key, this.now().toISOString());
    if (a) this.changes.cleared(a);
  }
}

/** Addresses that more than one VM reports (running VMs of connected hosts), each with its holders. */
export function addressClaims(vms: readonly VmInfo[]): Map<string, Firing> {
  const holders = new Map<string, string[]>();
  for (const vm of vms) {
    if (vm.stale || vm.state !== 'running') continue;
    for (const ip of new Set(vm.ips)) holders.set(ip, [...(holders.get(ip) ?? []), `${vm.host}/${vm.name}`]);
  }
  const claims = new Map<string, Firing>();
  for (const [ip, who] of holders) {
    if (who.length > 1) claims.set(keyOf('ip-conflict', ip), { host: null, params: { ip, holders: who.sort().join(', ') } });
  }
  return claims;
}
