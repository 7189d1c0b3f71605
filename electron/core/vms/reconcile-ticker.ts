// The safety net under libvirt's events: every `ms`, one cheap state check per online host (VmService.reconcile),
// which re-reads only the VMs the inventory has wrong. A slow round is not overlapped by the next. Returns stop.
import type { LibvirtHosts } from '../hosts/host-registry.js';
import type { VmService } from './vm-service.js';

export function startReconcileTicker(vms: Pick<VmService, 'reconcile'>, hosts: Pick<LibvirtHosts, 'namesOrOnline'>, ms: number): () => void {
  let round: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    if (round) return;
    round = Promise.all(hosts.namesOrOnline().map((h) => vms.reconcile(h).catch(() => 0))).finally(() => {
      round = null;
    });
  }, ms);
  timer.unref();
  return () => clearInterval(timer);
}
