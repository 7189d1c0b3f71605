// Monitoring against the real test bed through the built CLI: host stats equal virsh's node figures, a CPU-bound
// domain leads `top --by cpu`, and history recorded by `virtdeck watch` survives a restart of it.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostStats } from '../../../shared/model/monitor.js';
import type { MetricHistory } from '../../../shared/model/metrics.js';
import type { TopRow } from '../../../shared/model/top.js';
import { bootDisk, bootDiskXml, SLEEP, SPIN } from '../../fixtures/boot-sector.js';
import { testbed } from '../testbed.js';
import { defineTinyDomain, hostAddArgs, knownHostsCopy, purgeDomain, runCli, spawnCli, tempHome, uniq } from './helpers.js';

const tb = testbed();

/** "Label:   value" lines of virsh output. */
function fields(text: string): Record<string, string> {
  return Object.fromEntries(text.split('\n').map((l) => l.split(/\s*:\s*/, 2).map((s) => s.trim())).filter((kv) => kv.length === 2));
}

describe.skipIf(!tb.available)('monitoring on a real host', () => {
  const home = tempHome();
  const dir = mkdtempSync(join(tmpdir(), 'vd-monitor-'));
  const busy = uniq('busy');
  const idle = uniq('idle');
  const off = uniq('off');

  beforeAll(async () => {
    const kh = knownHostsCopy(tb, home);
    expect((await runCli(home, hostAddArgs(tb, 1, kh))).code).toBe(0);
    defineTinyDomain(tb, 1, busy, bootDiskXml(bootDisk(dir, 'busy.img', SPIN)));
    defineTinyDomain(tb, 1, idle, bootDiskXml(bootDisk(dir, 'idle.img', SLEEP)));
    defineTinyDomain(tb, 1, off);
    tb.virsh(1, 'start', busy);
    tb.virsh(1, 'start', idle);
  });

  afterAll(() => {
    for (const n of [busy, idle, off]) purgeDomain(tb, 1, n);
  });

  it("host stats equal virsh's nodeinfo, nodememstats, version, pool list and VMs by state", async () => {
    const r = await runCli(home, ['host', 'stats', 'h1', '--json']);
    expect(r.stderr).toBe('');
    const [s] = JSON.parse(r.stdout) as HostStats[];
    const info = fields(tb.virsh(1, 'nodeinfo'));
    const mem = fields(tb.virsh(1, 'nodememstats'));
    const version = fields(tb.virsh(1, 'version'));
    expect(s?.cpu.cpus).toBe(Number(info['CPU(s)']));
    expect(s?.cpu.model).toBe(info['CPU model']);
    expect(`${s?.cpu.mhz} MHz`).toBe(info['CPU frequency']);
    expect(s?.cpu.percent).toBeGreaterThanOrEqual(0);
    expect(s?.cpu.percent).toBeLessThanOrEqual(100);
    const kib = (v: string | undefined) => Number(v?.replace(' KiB', ''));
    expect(s?.memory.totalKiB).toBe(kib(mem.total));
    // free/buffers/cached move between the two reads: within 2 % of the total.
    for (const [ours, theirs] of [[s?.memory.freeKiB, mem.free], [s?.memory.buffersKiB, mem.buffers], [s?.memory.cachedKiB, mem.cached]] as const) {
      expect(Math.abs((ours ?? 0) - kib(theirs))).toBeLessThan(kib(mem.total) * 0.02);
    }
    expect(`libvirt ${s?.versions.libvirt}`).toBe(version['Using library']);
    expect(`QEMU ${s?.versions.qemu}`).toBe(version['Running hypervisor']);
    expect(s?.pools.map((p) => p.name).sort()).toEqual(tb.virsh(1, 'pool-list', '--all', '--name').split('\n').filter(Boolean).sort());
    const count = (...flags: string[]) => tb.virsh(1, 'list', '--name', ...flags).split('\n').filter(Boolean).length;
    expect(s?.vms.running).toBe(count('--state-running'));
    expect(s?.vms.shutoff).toBe(count('--state-shutoff'));
    expect(s?.vms.shutoff).toBeGreaterThanOrEqual(1);
    // The test bed's hosts are namespaces of this machine: same kernel, same uptime.
    const uptime = Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]);
    expect(Math.abs((s?.uptimeSeconds ?? 0) - uptime)).toBeLessThan(60);
    expect(s?.load).toHaveLength(3);
  });

  it('the CPU-bound domain is first in top --by cpu, above the sleeping one', async () => {
    const r = await runCli(home, ['top', '--by', 'cpu', '--json']);
    expect(r.stderr).toBe('');
    const rows = JSON.parse(r.stdout) as TopRow[];
    expect(rows[0]?.name).toBe(busy);
    const sleeping = rows.find((x) => x.name === idle);
    expect(sleeping?.cpuPct).not.toBeNull();
    expect(rows[0]?.cpuPct ?? 0).toBeGreaterThan(sleeping?.cpuPct ?? 100);
  });

  async function watchFor(ticks: number): Promise<void> {
    const child = spawnCli(home, ['watch', '--interval', '1']);
    let err = '';
    child.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
    });
    // Each tick is one record; wait until `ticks` 10 s slots have closed, then stop it as systemd would.
    await new Promise((r) => setTimeout(r, ticks * 10_000 + 3000));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(err).toContain('recording metrics every 1s');
    expect(err).not.toMatch(/error|failed/i);
  }

  async function history(target: string): Promise<MetricHistory> {
    const r = await runCli(home, ['metrics', target, '--since', '1h', '--json']);
    expect(r.stderr).toBe('');
    return JSON.parse(r.stdout) as MetricHistory;
  }

  it('history recorded by watch is there after watch restarts, and grows', async () => {
    await watchFor(2);
    const first = await history(`h1/${busy}`);
    expect(first.step).toBe(10);
    expect(first.points.length).toBeGreaterThanOrEqual(2);
    // The machine is shared: the spinning vCPU gets what it gets, but more than the sleeping one.
    const peak = (h: MetricHistory) => Math.max(...h.points.map(([, cpu]) => cpu ?? 0));
    expect(peak(first)).toBeGreaterThan(peak(await history(`h1/${idle}`)));
    expect((await history('h1')).points.length).toBeGreaterThanOrEqual(1);

    await watchFor(2);
    const second = await history(`h1/${busy}`);
    const times = new Set(second.points.map(([t]) => t));
    expect(first.points.every(([t]) => times.has(t))).toBe(true);
    expect(second.points.length).toBeGreaterThan(first.points.length);
  });

  it('an unknown VM or a bad span is refused with a clear error', async () => {
    const vm = await runCli(home, ['metrics', 'h1/no-such-vm']);
    expect(vm.code).not.toBe(0);
    expect(vm.stderr).toContain('no-such-vm');
    const span = await runCli(home, ['metrics', 'h1', '--since', 'yesterday']);
    expect(span.code).toBe(2);
    expect(span.stderr).toContain('--since');
  });
});
