// Alerts: the rules engine fed by core events (when this core evaluates rules: the app, `virtdeck watch`) and by
// level checks, the store (alerts.sqlite, opened on first use), and delivery of each change to every target.
import type { AlertRecord, AlertRule, AlertTarget, AlertTargetSpec } from '../../../shared/model/alerts.js';
import { THRESHOLD_RULES } from '../../../shared/model/alerts.js';
import type { CoreEvent } from '../../../shared/model/events.js';
import type { VmInfo } from '../../../shared/model/vm.js';
import { AlertStore } from '../../inventory/alert-store.js';
import { CoreError, errorReport } from '../errors.js';
import { deliver, type AlertMessage } from './alert-delivery.js';
import { AlertEngine, type HostLevels } from './alert-engine.js';
import { alertLine } from '../../../shared/model/alert-words.js';

export interface AlertSources {
  /** Hosts online now. */
  online(): string[];
  levels(host: string): Promise<HostLevels>;
  vms(): VmInfo[];
}

const DEFAULT_HISTORY = 100;

export class AlertService {
  private opened: AlertStore | null = null;
  private closed = false;
  private readonly engine: AlertEngine;
  private readonly sending = new Set<Promise<void>>();

  constructor(
    private readonly file: string,
    private readonly sources: AlertSources,
    private readonly emit: (e: CoreEvent) => void,
    /** Whether this core evaluates rules on its events (the app, `watch`); a short CLI command does not. */
    private readonly evaluating: boolean,
  ) {
    this.engine = new AlertEngine(() => this.store(), { fired: (a) => this.changed(a), cleared: (a) => this.changed(a) });
  }

  onEvent(e: CoreEvent): void {
    if (this.closed) return;
    if (this.evaluating) this.engine.onEvent(e);
    else if (e.type === 'task') this.engine.noteTask(e.task);
  }

  /** Level rules over every online host (one that fails to answer is left as it was); the alerts firing after. */
  async check(): Promise<AlertRecord[]> {
    const levels = await Promise.all(this.sources.online().map((h) => this.sources.levels(h).catch(() => null)));
    this.engine.check(levels.filter((l): l is HostLevels => l !== null), this.sources.vms());
    return this.store().open();
  }

  rules(): AlertRule[] {
    return this.store().rules();
  }

  setRule(rule: AlertRule): AlertRule[] {
    const takes = THRESHOLD_RULES.includes(rule.id);
    if (!takes && rule.threshold !== null) throw new CoreError('alert.no-threshold', { rule: rule.id });
    const old = this.store().rules().find((r) => r.id === rule.id);
    this.store().setRule({ ...rule, threshold: takes ? (rule.threshold ?? old?.threshold ?? null) : null });
    if (!rule.enabled) {
      const at = new Date().toISOString();
      for (const a of this.store().open()) {
        if (a.rule !== rule.id) continue;
        const cleared = this.store().clear(a.key, at);
        if (cleared) this.emit({ type: 'alert', alert: cleared });
      }
    }
    return this.store().rules();
  }

  targets(): AlertTarget[] {
    return this.store().targets().map((t) => (t.kind === 'smtp' && t.password !== null ? { ...t, password: '***' } : t));
  }

  addTarget(spec: AlertTargetSpec): AlertTarget {
    const t = this.store().addTarget(spec);
    return t.kind === 'smtp' && t.password !== null ? { ...t, password: '***' } : t;
  }

  removeTarget(id: number): null {
    if (!this.store().removeTarget(id)) throw new CoreError('alert.target-not-found', { id });
    return null;
  }

  async testTarget(id: number): Promise<null> {
    const target = this.store().targets().find((t) => t.id === id);
    if (!target) throw new CoreError('alert.target-not-found', { id });
    await deliver(target, { alert: null, text: 'test message from VirtDeck: alerts reach this target' });
    return null;
  }

  history(limit = DEFAULT_HISTORY, firing = false): AlertRecord[] {
    return firing ? this.store().open().reverse().slice(0, limit) : this.store().history(limit);
  }

  /** Resolves when every delivery started so far has ended. */
  async settle(): Promise<void> {
    while (this.sending.size > 0) await Promise.allSettled([...this.sending]);
  }

  async close(): Promise<void> {
    await this.settle();
    this.closed = true;
    this.opened?.close();
    this.opened = null;
  }

  /** An alert fired or cleared here: tell the listeners and send it to every target. */
  private changed(alert: AlertRecord): void {
    this.emit({ type: 'alert', alert });
    const message: AlertMessage = { alert, text: alertLine(alert) };
    for (const target of this.store().targets()) {
      const sent = deliver(target, message)
        .catch((err: unknown) => this.emit({ type: 'alert-undelivered', alert: alert.id, target: target.id, error: errorReport(err) }))
        .finally(() => this.sending.delete(sent));
      this.sending.add(sent);
    }
  }

  private store(): AlertStore {
    if (this.closed) throw new Error('alert store closed');
    this.opened ??= AlertStore.open(this.file);
    return this.opened;
  }
}

