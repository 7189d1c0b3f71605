// One event in a VM's history: the kind and its params as data (`data.params`: the front ends word them), beside any
// other data; the English message is kept as the inventory's log line (and for a VirtDeck that predates params).
import type { VmEventRecord } from '../../../shared/model/vm-events.js';
import type { Inventory } from '../../inventory/inventory.js';

export interface VmHistoryEntry {
  host: string;
  vmUuid: string;
  event: VmEventRecord;
  message: string;
  /** More data kept with the event (volumes deleted, launch timings, ...). */
  extra?: Record<string, unknown>;
  at?: Date;
}

export function recordVmEvent(inventory: Inventory, e: VmHistoryEntry): void {
  const { host, vmUuid, event, message } = e;
  inventory.appendEvent({ host, vmUuid, kind: event.kind, message, at: e.at ?? new Date(), data: { ...e.extra, params: event.params } });
}
