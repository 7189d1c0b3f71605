// Core benchmarks, side by side with virsh over OpenSSH on the same test-bed hosts:
// (a) connect + full VM list of 3 hosts, (b) stats of 200 domains on one host, (c) event latency.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/core.js';
import { defineTinyDomain, hostAddArgs, knownHostsCopy, purgeDomain, runCli, sh, tempHome, uniq, waitFor } from '../integration/core/helpers.js';
import { testbed } from '../integration/testbed.js';
import { median, record, timeIt } from './report.js';

const tb = testbed();
const RUNS = 5;
const STATS_DOMAINS = 200;
const RUNNING = 10;

const sshUri = (i: number): string =>
  `qemu+ssh://root@127.0.0.1:${tb.hosts[i - 1]?.sshPort}/system?command=${tb.dir}/bin/tbssh`;

describe.skipIf(!tb.available)('core benchmarks', () => {
  const home = tempHome('vd-bench-');
  const statsNames: string[] = [];

  beforeAll(async () => {
    const kh = knownHostsCopy(tb, home);
    for (const h of tb.hosts) {
      const r = await runCli(home, hostAddArgs(tb, h.index, kh));
      expect(r.code, r.stderr).toBe(0);
    }
    // (b) 200 domains on h2, a few running
    const dir = mkdtempSync(join(tmpdir(), 'vd-bench-doms-'));
    const prefix = uniq('bench');
    const script: string[] = [];
    for (let i = 0; i < STATS_DOMAINS; i++) {
      const name = `${prefix}-${i}`;
      statsNames.push(name);
      const file = join(dir, `${i}.xml`);
      writeFileSync(
        file,
        `<domain type='qemu'><name>${name}</name><memory unit='MiB'>32</memory><vcpu>1</vcpu><os><type arch='x86_64' machine='pc'>hvm</type></os><devices><emulator>/usr/bin/qemu-system-x86_64</emulator></devices></domain>`,
      );
      script.push(`define ${file}`);
    }
    for (let i = 0; i < RUNNING; i++) script.push(`start ${statsNames[i]}`);
    writeFileSync(join(dir, 'script'), `${script.join('\n')}\n`);
    await sh('sh', ['-c', `virsh -q -c 'qemu+unix:///system?socket=${tb.hosts[1]?.socket}' < '${join(dir, 'script')}' > /dev/null`]);
  }, 900_000);

  afterAll(async () => {
    const lines = statsNames.map((n) => `destroy ${n}\nundefine ${n}`).join('\n');
    await sh('sh', ['-c', `printf '%s\\n' '${lines.replace(/'/g, '')}' | virsh -q -c 'qemu+unix:///system?socket=${tb.hosts[1]?.socket}' >/dev/null 2>&1 || true`]);
  }, 900_000);

  it('(a) connect + full VM list of 3 hosts vs virsh -c qemu+ssh:// list for the same 3 hosts', async () => {
    const ours: number[] = [];
    const cli: number[] = [];
    const virshSeq: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      ours.push(
        await timeIt(async () => {
          const core = await createCore({ home, autoConnect: false });
          await core.hostRegistry.connectAll();
          expect(core.vms.list().filter((v) => !v.stale).length).toBeGreaterThanOrEqual(STATS_DOMAINS);
          await core.close();
        }),
      );
      cli.push(await timeIt(async () => expect((await runCli(home, ['vm', 'list', '--json'])).code).toBe(0)));
      virshSeq.push(
        await timeIt(async () => {
          for (let i = 1; i <= tb.hosts.length; i++) await sh('virsh', ['-c', sshUri(i), 'list', '--all']);
        }),
      );
    }
    record({ bench: '(a) connect+list 3 hosts', ours: 'core in-process', oursValue: median(ours), baseline: 'virsh qemu+ssh ×3', baselineValue: median(virshSeq), unit: 'ms', better: 'lower', goal: '≤ 0.5×' });
    record({ bench: '(a) connect+list 3 hosts', ours: 'virtdeck vm list --json (process)', oursValue: median(cli), baseline: 'virsh qemu+ssh ×3', baselineValue: median(virshSeq), unit: 'ms', better: 'lower', goal: '≤ 0.5×', note: `includes Node start and the sync of ${STATS_DOMAINS} domains` });
  });

  it(`(b) stats refresh of ${STATS_DOMAINS} domains on one host vs virsh domstats over ssh`, async () => {
    const core = await createCore({ home, autoConnect: false });
    await core.hostRegistry.connectAll(['h2']);
    const ours: number[] = [];
    const virsh: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      ours.push(
        await timeIt(async () => {
          const [h2] = await core.stats.refresh('h2');
          expect(h2?.stats.length).toBeGreaterThanOrEqual(STATS_DOMAINS);
        }),
      );
      virsh.push(await timeIt(() => sh('virsh', ['-c', sshUri(2), 'domstats'])));
    }
    await core.close();
    record({ bench: `(b) stats ${STATS_DOMAINS} domains`, ours: 'one bulk call, live connection', oursValue: median(ours), baseline: 'virsh domstats over ssh', baselineValue: median(virsh), unit: 'ms', better: 'lower', goal: '≤ 0.2×', note: `${RUNNING} running` });
  });

  it('(c) event latency: virsh command returns → event received', async () => {
    const name = uniq('bench-ev');
    defineTinyDomain(tb, 1, name);
    const core: Core = await createCore({ home, autoConnect: false });
    await core.hostRegistry.connectAll(['h1']);
    const seen: Array<{ at: number; state: string }> = [];
    const raw: Array<{ at: number; event: string }> = [];
    core.onEvent((e) => {
      if (e.type === 'vm-updated' && e.vm.name === name) seen.push({ at: performance.now(), state: e.vm.state });
      if (e.type === 'domain-event' && e.name === name) raw.push({ at: performance.now(), event: e.event });
    });
    // virsh's own event listener over ssh, for comparison
    const listener = spawn('virsh', ['-c', sshUri(1), 'event', '--loop', '--event', 'lifecycle', '--domain', name]);
    const virshSeen: number[] = [];
    listener.stdout.on('data', (b: Buffer) => {
      for (const line of b.toString().split('\n')) if (line.includes('Started') || line.includes('Stopped')) virshSeen.push(performance.now());
    });
    await new Promise((r) => setTimeout(r, 1500));
    const ours: number[] = [];
    const oursRaw: number[] = [];
    const theirs: number[] = [];
    for (let r = 0; r < 10; r++) {
      for (const [cmd, state, event] of [['start', 'running', 'started'], ['destroy', 'shutoff', 'stopped']] as const) {
        const n = seen.length;
        const m = raw.length;
        const v = virshSeen.length;
        tb.virsh(1, cmd, name);
        const returned = performance.now();
        const ev = await waitFor('event', () => seen.slice(n).find((s) => s.state === state), 5000, 1);
        ours.push(ev.at - returned);
        const rawEv = await waitFor('raw event', () => raw.slice(m).find((s) => s.event === event), 5000, 1);
        oursRaw.push(rawEv.at - returned);
        await waitFor('virsh event', () => virshSeen.length > v, 5000, 1);
        theirs.push((virshSeen[v] as number) - returned);
      }
    }
    listener.kill();
    await core.close();
    purgeDomain(tb, 1, name);
    record({ bench: '(c) event latency', ours: 'core domain-event', oursValue: median(oursRaw), baseline: 'virsh event --loop over ssh', baselineValue: median(theirs), unit: 'ms', better: 'lower', note: 'event as received' });
    record({ bench: '(c) event latency', ours: 'core vm-updated (row refreshed+stored)', oursValue: median(ours), baseline: 'virsh event --loop over ssh', baselineValue: median(theirs), unit: 'ms', better: 'lower', note: 'negative = before virsh returned' });
  });
});
