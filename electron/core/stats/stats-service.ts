// Bulk stats: one connectGetAllDomainStats call per host per tick, mapped to VmStats.
import type { VmStats } from '../../../shared/model/stats.js';
import { DomainStatsTypes } from '../../libvirt/protocol/index.js';
import type { HostRegistry } from '../hosts/host-registry.js';

export interface HostStats {
  host: string;
  at: string;
  stats: VmStats[];
}

const MASK =
  DomainStatsTypes.STATE |
  DomainStatsTypes.CPU_TOTAL |
  DomainStatsTypes.BALLOON |
  DomainStatsTypes.VCPU |
  DomainStatsTypes.INTERFACE |
  DomainStatsTypes.BLOCK;

type Params = Record<string, number | string | boolean>;

function num(params: Params, key: string): number | null {
  const v = params[key];
  return typeof v === 'number' ? v : null;
}

/** Sums `<prefix>.<i>.<field>` over `<prefix>.count` devices; null when the host reported none. */
function sum(params: Params, prefix: string, field: string): number | null {
  const count = num(params, `${prefix}.count`);
  if (count === null) return null;
  let total = 0;
  let seen = false;
  for (let i = 0; i < count; i++) {
    const v = num(params, `${prefix}.${i}.${field}`);
    if (v !== null) {
      total += v;
      seen = true;
    }
  }
  return seen ? total : null;
}

export function toVmStats(uuid: string, name: string, params: Params): VmStats {
  return {
    uuid,
    name,
    state: num(params, 'state.state') ?? 0,
    cpuTimeNs: num(params, 'cpu.time'),
    vcpus: num(params, 'vcpu.current'),
    memoryCurrentKiB: num(params, 'balloon.current'),
    memoryAvailableKiB: num(params, 'balloon.available'),
    memoryUnusedKiB: num(params, 'balloon.unused'),
    blockReadBytes: sum(params, 'block', 'rd.bytes'),
    blockWriteBytes: sum(params, 'block', 'wr.bytes'),
    netRxBytes: sum(params, 'net', 'rx.bytes'),
    netTxBytes: sum(params, 'net', 'tx.bytes'),
    raw: params,
  };
}

export class StatsService {
  constructor(private readonly hosts: HostRegistry) {}

  /** One bulk call per online host (in parallel); offline hosts are skipped. */
  async refresh(host?: string): Promise<HostStats[]> {
    const names = host ? [host] : this.hosts.names();
    if (host) this.hosts.config(host);
    const results = await Promise.all(
      names.filter((n) => this.hosts.isOnline(n)).map(async (n) => this.refreshHost(n)),
    );
    return results;
  }

  private async refreshHost(host: string): Promise<HostStats> {
    const lv = this.hosts.get(host).libvirt();
    const records = await lv.getAllDomainStats([], MASK);
    return {
      host,
      at: new Date().toISOString(),
      stats: records.map((r) => toVmStats(r.dom.uuid, r.dom.name, r.params)),
    };
  }
}
