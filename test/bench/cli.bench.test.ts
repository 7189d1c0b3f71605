// CLI benchmarks, each command a fresh process, interleaved with its baseline:
// (d) start-up: `virtdeck host list` on a home with no hosts (the inventory only, no network) vs `node -e 0`,
//     after one warm-up run each (the inventory exists, V8's compile cache is filled) — goal ≤ 4×;
// (e) `virtdeck vm list --json` over the 3 test-bed hosts (a few domains each) vs `virsh -c qemu+ssh://` list on
//     each of the 3 in turn — goal ≤ 0.3×. Same hosts, same SSH ports and relays, both after one warm-up run:
//     virsh through OpenSSH (the test bed's tbssh), virtdeck through its own SSH client, all 3 hosts at once, and
//     it reads more per VM (state, XML, autostart, persistence) and stores the listing in its inventory.
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, defineTinyDomain, hostAddArgs, knownHostsCopy, purgeDomain, runCli, tempHome, uniq } from '../integration/core/helpers.js';
import { testbed } from '../integration/testbed.js';
import { median, record } from './report.js';

const tb = testbed();
const START_RUNS = 21;
const LIST_RUNS = 7;
const DOMAINS_PER_HOST = 5;

/** Wall time of one process run, in ms; the bench fails if the process does. */
function wall(cmd: string, args: string[], env: NodeJS.ProcessEnv): number {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = performance.now() - t0;
  expect(r.status, r.stderr).toBe(0);
  return ms;
}

/** Median wall times of `a` and `b`, run alternately `runs` times after one warm-up run each. */
function sideBySide(runs: number, a: () => number, b: () => number): [number, number] {
  a();
  b();
  const as: number[] = [];
  const bs: number[] = [];
  for (let i = 0; i < runs; i++) {
    as.push(a());
    bs.push(b());
  }
  return [median(as), median(bs)];
}

describe('CLI start-up', () => {
  it('(d) virtdeck host list (no network) vs node -e 0', () => {
    const env = { ...process.env, VIRTDECK_HOME: tempHome('vd-bench-cli-') };
    const [ours, node] = sideBySide(START_RUNS, () => wall(process.execPath, [CLI, 'host', 'list'], env), () => wall(process.execPath, ['-e', '0'], env));
    record({ bench: '(d) CLI start', ours: 'virtdeck host list', oursValue: ours, baseline: 'node -e 0', baselineValue: node, unit: 'ms', better: 'lower', goal: '≤ 4×', note: 'no hosts: inventory only' });
  });
});

describe.skipIf(!tb.available)('CLI over the test bed', () => {
  const home = tempHome('vd-bench-cli-hosts-');
  const domains = tb.hosts.map((h) => ({ index: h.index, names: Array.from({ length: DOMAINS_PER_HOST }, () => uniq('bench-cli')) }));

  beforeAll(async () => {
    const kh = knownHostsCopy(tb, home);
    for (const h of tb.hosts) {
      const r = await runCli(home, hostAddArgs(tb, h.index, kh));
      expect(r.code, r.stderr).toBe(0);
    }
    for (const d of domains) d.names.forEach((n) => defineTinyDomain(tb, d.index, n));
  });

  afterAll(() => domains.forEach((d) => d.names.forEach((n) => purgeDomain(tb, d.index, n))));

  it('(e) virtdeck vm list --json over 3 hosts vs virsh qemu+ssh list on each in turn', () => {
    const env = { ...process.env, VIRTDECK_HOME: home };
    const uris = tb.hosts.map((h) => `qemu+ssh://root@127.0.0.1:${h.sshPort}/system?command=${tb.dir}/bin/tbssh`);
    const [ours, virsh] = sideBySide(
      LIST_RUNS,
      () => wall(process.execPath, [CLI, 'vm', 'list', '--json'], env),
      () => uris.reduce((sum, uri) => sum + wall('virsh', ['-c', uri, 'list', '--all'], env), 0),
    );
    record({ bench: '(e) CLI vm list', ours: 'virtdeck vm list --json', oursValue: ours, baseline: 'virsh qemu+ssh ×3, in turn', baselineValue: virsh, unit: 'ms', better: 'lower', goal: '≤ 0.3×', note: `${DOMAINS_PER_HOST} domains per host; virsh via OpenSSH; both warm` });
  });
});
