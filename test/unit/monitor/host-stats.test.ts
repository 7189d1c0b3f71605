import { describe, expect, it } from 'vitest';
import { nodeCounters } from '../../../electron/libvirt/protocol/codecs.js';
import { XdrReader, XdrWriter } from '../../../electron/libvirt/xdr/index.js';
import { hostCpuPercent, parseUptimeLoad, poolFillPercent } from '../../../shared/model/monitor.js';

describe('node stats counters (remote_node_get_cpu_stats_ret)', () => {
  it('decodes {field, unsigned hyper}<> then nparams', () => {
    const w = new XdrWriter();
    w.uint(2).string('kernel').uhyper(5_000_000_000_123n).string('idle').uhyper(7n).int(4);
    expect(nodeCounters(new XdrReader(w.finish()))).toEqual({ values: { kernel: 5_000_000_000_123, idle: 7 }, nparams: 4 });
  });

  it('an nparams-0 answer is only the count', () => {
    const w = new XdrWriter();
    w.uint(0).int(4);
    expect(nodeCounters(new XdrReader(w.finish()))).toEqual({ values: {}, nparams: 4 });
  });
});

describe('hostCpuPercent', () => {
  const t = (kernel: number, user: number, idle: number, iowait = 0) => ({ kernel, user, idle, iowait });

  it('is the busy share (kernel + user) of all time between the samples', () => {
    expect(hostCpuPercent(t(100, 100, 800), t(150, 200, 900))).toBeCloseTo(60);
  });

  it('counts iowait as not busy', () => {
    expect(hostCpuPercent(t(0, 0, 0, 0), t(0, 25, 25, 50))).toBeCloseTo(25);
  });

  it('is null when the counters did not move or went back (host rebooted)', () => {
    expect(hostCpuPercent(t(1, 1, 1), t(1, 1, 1))).toBeNull();
    expect(hostCpuPercent(t(100, 100, 100), t(1, 1, 500))).toBeNull();
  });
});

describe('parseUptimeLoad', () => {
  it('reads /proc/uptime then /proc/loadavg', () => {
    expect(parseUptimeLoad('12345.67 890.12\n0.52 0.61 0.70 1/234 5678\n')).toEqual({ uptimeSeconds: 12345.67, load: [0.52, 0.61, 0.7] });
  });

  it('gives nulls for anything else instead of zeros', () => {
    expect(parseUptimeLoad('')).toEqual({ uptimeSeconds: null, load: null });
    expect(parseUptimeLoad('cat: /proc/uptime: No such file\n')).toEqual({ uptimeSeconds: null, load: null });
    expect(parseUptimeLoad('5.00 1.00\n')).toEqual({ uptimeSeconds: 5, load: null });
  });
});

describe('poolFillPercent', () => {
  it('is allocation over capacity, 0 for an inactive (empty) pool', () => {
    expect(poolFillPercent({ capacity: 200, allocation: 50 })).toBe(25);
    expect(poolFillPercent({ capacity: 0, allocation: 0 })).toBe(0);
  });
});
