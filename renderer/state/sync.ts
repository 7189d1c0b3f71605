// Feeds the slices: initial lists, then core events. Events that arrive while the lists load are replayed after.
import type { CoreEvent } from '../../shared/model/events.js';
import { useAlerts } from './alerts-slice.js';
import { backend } from './backend.js';
import { useHosts } from './hosts-slice.js';
import { vmKey } from './keys.js';
import { applyResourceChange } from './resource-refresh.js';
import { useStats } from './stats-slice.js';
import { useTasks } from './tasks-slice.js';
import { useUi } from './ui-slice.js';
import { useVms } from './vms-slice.js';

export function applyEvent(e: CoreEvent): void {
  switch (e.type) {
    case 'vm-updated':
      useVms.getState().upsert(e.vm);
      return;
    case 'vm-removed': {
      const key = vmKey(e.host, e.uuid);
      useVms.getState().forget(key);
      useStats.getState().drop(key);
      return;
    }
    case 'host-status': {
      const wasOnline = useHosts.getState().byName[e.host]?.status === 'online';
      useHosts.getState().applyStatus(e.host, e.status, e.since, e.error);
      if (e.status !== 'online') useVms.getState().markHostStale(e.host);
      // Back online: the list may have changed while we were away.
      else if (!wasOnline) void useVms.getState().reloadHost(e.host).catch(() => undefined);
      return;
    }
    case 'host-removed':
      useHosts.getState().forget(e.host);
      useVms.getState().forgetHost(e.host);
      useStats.getState().dropHost(e.host);
      // A list filtered to the removed host would stay empty: show all hosts instead.
      if (useUi.getState().hostFilter === e.host) useUi.setState({ hostFilter: null });
      return;
    case 'stats':
      useStats.getState().applyStats(e.host, e.at, e.stats);
      return;
    case 'task':
      useTasks.getState().upsert(e.task);
      return;
    case 'domain-event':
      useVms.getState().noteDomainEvent(vmKey(e.host, e.uuid), { event: e.event, detail: e.detail, at: e.at });
      return;
    case 'resource-changed':
      applyResourceChange(e);
      return;
    case 'alert':
      useAlerts.getState().applyAlert(e.alert);
      return;
    case 'alert-undelivered':
      return;
  }
}

/** Loads hosts, VMs and tasks and keeps them live. Returns the unsubscribe function. */
export async function startSync(): Promise<() => void> {
  let pending: CoreEvent[] | null = [];
  const unsubscribe = backend().onEvent((e) => {
    if (pending) pending.push(e);
    else applyEvent(e);
  });
  try {
    const { api } = backend();
    const [hosts, vms, tasks] = await Promise.all([api['hosts.list']({}), api['vms.list']({}), api['tasks.list']({})]);
    useHosts.getState().setAll(hosts);
    useVms.getState().setAll(vms);
    useTasks.getState().setAll(tasks);
  } finally {
    const queued = pending ?? [];
    pending = null;
    for (const e of queued) applyEvent(e);
  }
  return unsubscribe;
}
