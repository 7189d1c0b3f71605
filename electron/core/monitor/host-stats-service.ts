// A host's stats card from libvirt's node calls (no agent on the host): CPU (two counter samples → %), memory,
// pools, VMs by state, libvirt/QEMU versions; uptime and load from /proc through the host's safe exec.
import { type HostCpuTimes, type HostStats, hostCpuPercent, parseUptimeLoad } from '../../../shared/model/monitor.js';
import type { PoolInfo } from '../../../shared/model/storage.js';
import { VM_STATES, type VmState } from '../../../shared/model/vm.js';
import type { LibvirtApi } from '../../libvirt/api.js';
import type { HostExecResult } from '../hosts/host-exec.js';
import type { LibvirtHosts } from '../hosts/host-registry.js';

/** All CPUs / all NUMA cells, for libvirt's node stats calls. */
const ALL = -1;
/** A previous CPU sample older than this is not used for the % (it would average over too long). */
const PREVIOUS_MAX_AGE_MS = 60_000;
/** Gap between two CPU samples when there is no recent previous one. */
const FIRST_GAP_MS = 500;

export interface HostStatsSources {
  pools(host: string): Promise<PoolInfo[]>;
  vmStates(host: string): VmState[];
  /** Runs an argv on the host (hostExec). */
  exec(host: string, argv: readonly string[]): Promise<HostExecResult>;
}

interface CpuSample {
  atMs: number;
  times: HostCpuTimes;
}

async function cpuTimes(lv: LibvirtApi): Promise<HostCpuTimes> {
  const { nparams } = await lv.nodeGetCpuStats(ALL, 0);
  const { values } = await lv.nodeGetCpuStats(ALL, nparams);
  return { kernel: values.kernel ?? 0, user: values.user ?? 0, idle: values.idle ?? 0, iowait: values.iowait ?? 0 };
}

async function memoryKiB(lv: LibvirtApi): Promise<Record<string, number>> {
  const { nparams } = await lv.nodeGetMemoryStats(0, ALL);
  return (await lv.nodeGetMemoryStats(nparams, ALL)).values;
}

/** Used as `free` counts it: total − free − buffers − cached. */
function usedKiB(mem: Record<string, number>): number {
  return Math.max(0, (mem.total ?? 0) - (mem.free ?? 0) - (mem.buffers ?? 0) - (mem.cached ?? 0));
}

export class HostStatsService {
  private readonly lastCpu = new Map<string, CpuSample>();

  constructor(
    private readonly hosts: LibvirtHosts,
    private readonly sources: HostStatsSources,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  /** The named host's card, or every online host's. */
  async stats(host?: string): Promise<HostStats[]> {
    return Promise.all(this.hosts.namesOrOnline(host).map((h) => this.hostStats(h)));
  }

  /** Only the host's CPU % and memory used (KiB), for the metrics history. */
  async load(host: string): Promise<{ cpuPct: number | null; memKiB: number }> {
    const lv = this.hosts.libvirt(host);
    const [cpu, mem] = await Promise.all([this.cpu(host, lv), memoryKiB(lv)]);
    return { cpuPct: hostCpuPercent(cpu.prev.times, cpu.cur.times), memKiB: usedKiB(mem) };
  }

  /** The host's memory used (as `free` counts it) and total, in KiB. */
  async memory(host: string): Promise<{ usedKiB: number; totalKiB: number }> {
    const mem = await memoryKiB(this.hosts.libvirt(host));
    return { usedKiB: usedKiB(mem), totalKiB: mem.total ?? 0 };
  }

  private async hostStats(host: string): Promise<HostStats> {
    const lv = this.hosts.libvirt(host);
    const [info, hostname, libvirt, qemu, mem, pools, proc, cpu] = await Promise.all([
      lv.nodeGetInfo(),
      lv.getHostname(),
      lv.getLibVersion(),
      lv.getVersion(),
      memoryKiB(lv),
      this.sources.pools(host),
      this.uptimeLoad(host),
      this.cpu(host, lv),
    ]);
    const vms = Object.fromEntries(VM_STATES.map((s) => [s, 0])) as Record<VmState, number>;
    for (const s of this.sources.vmStates(host)) vms[s] += 1;
    const total = mem.total ?? info.memoryKiB;
    const free = mem.free ?? 0;
    const buffers = mem.buffers ?? 0;
    const cached = mem.cached ?? 0;
    return {
      host,
      at: new Date(cpu.cur.atMs).toISOString(),
      hostname,
      cpu: { model: info.model, cpus: info.cpus, mhz: info.mhz, percent: hostCpuPercent(cpu.prev.times, cpu.cur.times), times: cpu.cur.times },
      memory: { totalKiB: total, freeKiB: free, buffersKiB: buffers, cachedKiB: cached, usedKiB: usedKiB(mem) },
      pools: pools.filter((p) => p.host === host),
      vms,
      versions: { libvirt, qemu },
      ...proc,
    };
  }

  /** This sample and the one to compare it with (the last one when recent, else one taken FIRST_GAP_MS before). */
  private async cpu(host: string, lv: LibvirtApi): Promise<{ prev: CpuSample; cur: CpuSample }> {
    let prev = this.lastCpu.get(host);
    if (!prev || Date.now() - prev.atMs > PREVIOUS_MAX_AGE_MS) {
      prev = { atMs: Date.now(), times: await cpuTimes(lv) };
      await this.sleep(FIRST_GAP_MS);
    }
    const cur = { atMs: Date.now(), times: await cpuTimes(lv) };
    this.lastCpu.set(host, cur);
    return { prev, cur };
  }

  private async uptimeLoad(host: string): Promise<ReturnType<typeof parseUptimeLoad>> {
    const r = await this.sources.exec(host, ['cat', '/proc/uptime', '/proc/loadavg']).catch(() => null);
    return r?.code === 0 ? parseUptimeLoad(r.stdout) : { uptimeSeconds: null, load: null };
  }
}
