// Alert rules, targets and history for the Monitor tab's alerts panel; a live `alert` event updates the history.
import { create } from 'zustand';
import type { AlertRecord, AlertRule, AlertTarget, AlertTargetSpec } from '../../shared/model/alerts.js';
import { backend } from './backend.js';

/** History rows the panel keeps. */
const KEPT = 200;

interface AlertsState {
  rules: readonly AlertRule[];
  targets: readonly AlertTarget[];
  history: readonly AlertRecord[];
  /** The last alert a live event brought (the desktop notifier shows it). */
  latest: AlertRecord | null;
  load(): Promise<void>;
  setRule(rule: AlertRule): Promise<void>;
  addTarget(spec: AlertTargetSpec): Promise<void>;
  removeTarget(id: number): Promise<void>;
  testTarget(id: number): Promise<void>;
  /** An alert fired or cleared: its row replaces the older one with its id. */
  applyAlert(alert: AlertRecord): void;
}

export const useAlerts = create<AlertsState>()((set, get) => ({
  rules: [],
  targets: [],
  history: [],
  latest: null,
  async load() {
    const { api } = backend();
    const [rules, targets, history] = await Promise.all([api['alerts.rules']({}), api['alerts.targets']({}), api['alerts.history']({ limit: KEPT })]);
    set({ rules, targets, history });
  },
  async setRule(rule) {
    set({ rules: await backend().api['alerts.setRule'](rule) });
  },
  async addTarget(spec) {
    const t = await backend().api['alerts.addTarget']({ spec });
    set({ targets: [...get().targets, t] });
  },
  async removeTarget(id) {
    await backend().api['alerts.removeTarget']({ id });
    set({ targets: get().targets.filter((t) => t.id !== id) });
  },
  async testTarget(id) {
    await backend().api['alerts.testTarget']({ id });
  },
  applyAlert(alert) {
    set({ latest: alert, history: [alert, ...get().history.filter((a) => a.id !== alert.id)].slice(0, KEPT) });
  },
}));
