// HostStatsService on a fake libvirt: node counters asked in two steps (count, then all), CPU % from the previous
// sample when recent or from a second one, memory, VMs by state, /proc figures or nulls.
import { describe, expect, it } from 'vitest';
import { HostStatsService, type HostStatsSources } from '../../../electron/core/monitor/host-stats-service.js';
import type { NodeCounters } from '../../../electron/libvirt/protocol/codecs.js';
import type { VmState } from '../../../shared/model/vm.js';
import { fakeLibvirt } from '../../fixtures/libvirt/fake-libvirt.js';

const CPU_FIELDS = ['kernel', 'user', 'idle', 'iowait'];
const MEM = { total: 1000, free: 300, buffers: 100, cached: 200 };

function setup(procText: string | null, states: VmState[] = []) {
  let cpuReads = 0;
  const asked: number[] = [];
  const sleeps: number[] = [];
  const cpu = [
    { kernel: 100, user: 100, idle: 800, iowait: 0 },
    { kernel: 150, user: 200, idle: 900, iowait: 0 },
    { kernel: 150, user: 200, idle: 1900, iowait: 0 },
  ];
  const counters = (values: Record<string, number>, n: number, fields: string[]): NodeCounters =>
    n === 0 ? { values: {}, nparams: fields.length } : { values, nparams: n };
  const fake = fakeLibvirt({
    nodeGetInfo: async () => ({ model: 'x86_64', memoryKiB: 1000, cpus: 4, mhz: 2000, nodes: 1, sockets: 1, cores: 4, threads: 1 }),
    getHostname: async () => 'kvm1',
    getLibVersion: async () => '9.0.0',
    getVersion: async () => '7.2.0',
    nodeGetCpuStats: async (cpuNum, n) => {
      asked.push(cpuNum, n);
      return counters(n === 0 ? {} : (cpu[cpuReads++] as Record<string, number>), n, CPU_FIELDS);
    },
    nodeGetMemoryStats: async (n, cell) => {
      asked.push(n, cell);
      return counters(MEM, n, Object.keys(MEM));
    },
  });
  const sources: HostStatsSources = {
    pools: async () => [],
    vmStates: () => states,
    exec: async () => (procText === null ? { code: 1, stdout: '', stderr: 'no' } : { code: 0, stdout: procText, stderr: '' }),
  };
  const service = new HostStatsService({ libvirt: () => fake.api, namesOrOnline: (h) => (h ? [h] : ['h1']) }, sources, async (ms) => {
    sleeps.push(ms);
  });
  return { service, asked, sleeps };
}

describe('HostStatsService', () => {
  it('asks for the counters in two steps, for all CPUs and all cells', async () => {
    const { service, asked } = setup('1.5 0.5\n0.10 0.20 0.30 1/2 3\n');
    await service.stats('h1');
    // cpu (cpuNum, nparams): (-1, 0) then (-1, 4), for each of two samples; memory (nparams, cell): (0, -1) then (4, -1).
    const pairs = Array.from({ length: asked.length / 2 }, (_, i) => `${asked[2 * i]},${asked[2 * i + 1]}`).sort();
    expect(pairs).toEqual(['-1,0', '-1,0', '-1,4', '-1,4', '0,-1', '4,-1']);
  });

  it('takes a second CPU sample the first time, and uses the last one after', async () => {
    const { service, sleeps } = setup(null);
    const [first] = await service.stats('h1');
    expect(sleeps).toEqual([500]);
    expect(first?.cpu.percent).toBeCloseTo(60); // (50 + 100) busy of 250
    const [second] = await service.stats('h1');
    expect(sleeps).toEqual([500]); // the previous sample was recent
    expect(second?.cpu.percent).toBeCloseTo(0); // only idle moved
  });

  it('reports memory as free counts it, VMs by state, and /proc figures or nulls', async () => {
    const withProc = setup('100.25 3.00\n0.10 0.20 0.30 1/2 3\n', ['running', 'running', 'shutoff']);
    const [a] = await withProc.service.stats('h1');
    expect(a?.memory).toEqual({ totalKiB: 1000, freeKiB: 300, buffersKiB: 100, cachedKiB: 200, usedKiB: 400 });
    expect(a?.vms.running).toBe(2);
    expect(a?.vms.shutoff).toBe(1);
    expect(a?.vms.paused).toBe(0);
    expect([a?.uptimeSeconds, a?.load]).toEqual([100.25, [0.1, 0.2, 0.3]]);
    expect(a?.versions).toEqual({ libvirt: '9.0.0', qemu: '7.2.0' });
    const [b] = await setup(null).service.stats('h1');
    expect([b?.uptimeSeconds, b?.load]).toEqual([null, null]);
  });

  it('load() gives the host series its CPU % and memory used', async () => {
    const { service } = setup(null);
    expect(await service.load('h1')).toEqual({ cpuPct: expect.closeTo(60), memKiB: 400 });
  });
});
