// virtdeck host stats [HOST] [--json]: each host's card from libvirt's node calls.
import { poolFillPercent } from '../../../shared/model/monitor.js';
import type { VmState } from '../../../shared/model/vm.js';
import { formatSize } from '../../core/storage/sizes.js';
import { printJson } from '../output.js';
import type { Run } from '../table/types.js';
import { connect } from './common.js';

const pct = (v: number | null): string => (v === null ? '?' : `${v.toFixed(1)}%`);

function uptime(seconds: number): string {
  const d = Math.floor(seconds / 86400);
  const h = Math.floor((seconds % 86400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return `${d ? `${d}d ` : ''}${h}h ${m}m`;
}

export const hostStats: Run = async (ctx, args) => {
  const door = await ctx.door({ watch: false });
  const host = args.positionals[0];
  await connect(door, host);
  const all = await door.call('monitor.hostStats', host ? { host } : {});
  if (args.has('json')) {
    printJson(ctx.out, all);
    return 0;
  }
  const blocks = all.map((h) => {
    const m = h.memory;
    const vms = (Object.entries(h.vms) as [VmState, number][]).filter(([, n]) => n > 0).map(([s, n]) => `${n} ${s}`);
    const lines = [
      `${h.host} (${h.hostname})  libvirt ${h.versions.libvirt}, QEMU ${h.versions.qemu}` +
        (h.uptimeSeconds === null ? '' : `, up ${uptime(h.uptimeSeconds)}`) +
        (h.load ? `, load ${h.load.map((l) => l.toFixed(2)).join(' ')}` : ''),
      `  cpu     ${pct(h.cpu.percent)} of ${h.cpu.cpus} × ${h.cpu.model} ${h.cpu.mhz} MHz`,
      `  memory  ${formatSize(m.usedKiB * 1024)} used, ${formatSize(m.freeKiB * 1024)} free, ` +
        `${formatSize((m.buffersKiB + m.cachedKiB) * 1024)} buffers/cache, ${formatSize(m.totalKiB * 1024)} total`,
      `  vms     ${vms.length ? vms.join(', ') : 'none'}`,
      ...h.pools.map(
        (p) => `  pool    ${p.name}: ${p.state === 'running' ? `${pct(poolFillPercent(p))} of ${formatSize(p.capacity)}` : p.state}`,
      ),
    ];
    return lines.join('\n');
  });
  ctx.out.stdout(`${blocks.join('\n\n')}\n`);
  return 0;
};
