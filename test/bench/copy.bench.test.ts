// (c) Bytes moved by VirtDeck vs OpenSSH `scp` of the same 200 MiB of random data over the same link (the test bed's
// SSH port on 127.0.0.1, its key and known_hosts), side by side, 5 runs each after a warm-up, medians — goal ≥ 1.3× scp's MiB/s:
//  (c1) laptop → host: `virtdeck vol upload` into a new volume of a dir pool (created, written by a command on the
//       host reading the SSH channel, SHA-256 checked by the host, pool refreshed: the whole call is timed) vs
//       `scp FILE root@h1:<pool dir>/…`.
//  (c2) host → host: `virtdeck vol copy` h1 → h2 (read over h1's SFTP, written by a command on h2, the bytes through
//       VirtDeck, SHA-256 checked on both) vs `scp -3 root@h1:… root@h2:…`. `scp -3` is the fair alternative: it
//       too moves the bytes through this machine over two SSH connections, with no trust between the hosts (scp h1 →
//       h2 directly would need h1 to log in to h2, which VirtDeck never sets up).
// The load of the machine (`uptime`) is printed with the results: the test bed shares the CPU with everything else.
// Before each timed run everything written is flushed (`sync`): here this machine's disk is also the hosts' disk, so
// otherwise the run after another pays for writing the other's 200 MiB (VirtDeck's durable audit entry fsyncs before
// the call runs, and waited ~200 ms for scp's data), which a laptop and a server with disks of their own never do.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core.js';
import { coreWithHosts, tempHome, uniq } from '../integration/core/helpers.js';
import { testbed } from '../integration/testbed.js';
import { median, record, timeIt } from './report.js';

const tb = testbed();
const RUNS = 5;
const POOL = 'default';
const MIB = 1024 * 1024;
const SIZE = 200 * MIB;

describe.skipIf(!tb.available)('copy throughput vs scp', () => {
  const home = tempHome('vd-bench-copy-');
  const file = join(home, 'random.bin');
  const name = uniq('bench-copy');
  let core: Core;
  let poolDir = '';
  const target = (i: number, path: string) => `root@${tb.hosts[i - 1]!.sshHost}:${path}`;
  const sshOpts = (i: number) => ['-i', tb.keyFile, '-o', 'IdentitiesOnly=yes', '-o', `UserKnownHostsFile=${tb.knownHosts}`, '-o', 'StrictHostKeyChecking=yes', '-o', 'BatchMode=yes', '-P', String(tb.hosts[i - 1]!.sshPort)];
  const scp = (...args: string[]) => execFileSync('scp', ['-q', ...args], { stdio: 'pipe', timeout: 600_000 });
  const tbssh = (i: number, ...argv: string[]) =>
    execFileSync(join(tb.dir, 'bin', 'tbssh'), ['-p', String(tb.hosts[i - 1]!.sshPort), `root@${tb.hosts[i - 1]!.sshHost}`, ...argv], { encoding: 'utf8' }).trim();
  const dropVolume = (i: number, vol: string) => {
    try {
      tb.virsh(i, 'vol-delete', '--pool', POOL, vol);
    } catch {
      /* not there */
    }
  };
  const flush = () => execFileSync('sync');
  const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

  beforeAll(async () => {
    writeFileSync(file, randomBytes(SIZE));
    core = await coreWithHosts(tb, home, [1, 2]);
    poolDir = tb.virsh(1, 'pool-dumpxml', POOL).match(/<path>([^<]+)<\/path>/)![1]!;
  });

  afterAll(async () => {
    await core?.close();
    for (const i of [1, 2]) {
      dropVolume(i, name);
      tbssh(i, 'rm', '-f', `${poolDir}/${name}.scp`);
    }
  });

  it('(c1) laptop → host: virtdeck vol upload vs scp', async () => {
    const ours: number[] = [];
    const theirs: number[] = [];
    for (let run = 0; run <= RUNS; run++) {
      dropVolume(1, name);
      let via = '';
      flush();
      const a = await timeIt(async () => {
        via = (await core.call('volumes.upload', { host: 'h1', pool: POOL, volume: name, file })).via;
      });
      flush();
      const b = await timeIt(async () => scp(...sshOpts(1), file, target(1, `${poolDir}/${name}.scp`)));
      expect(via).toBe('ssh');
      process.stdout.write(`[bench] (c1) run ${run}: virtdeck ${(SIZE / MIB / (a / 1000)).toFixed(0)} MiB/s, scp ${(SIZE / MIB / (b / 1000)).toFixed(0)} MiB/s, load ${load()}\n`);
      if (run === 0) continue; // warm-up
      ours.push(SIZE / MIB / (a / 1000));
      theirs.push(SIZE / MIB / (b / 1000));
    }
    record({
      bench: '(c1) upload 200 MiB laptop → host', ours: 'virtdeck vol upload', oursValue: median(ours), baseline: 'scp', baselineValue: median(theirs),
      unit: 'MiB/s', better: 'higher', goal: '≥ 1.3×', note: `dir pool; VirtDeck's time includes creating the volume, the SHA-256 check on the host and the pool refresh; load ${load()}`,
    });
  });

  it('(c2) host → host: virtdeck vol copy vs scp -3', async () => {
    tbssh(1, 'test', '-s', `${poolDir}/${name}`); // (c1) left the volume on h1
    const ours: number[] = [];
    const theirs: number[] = [];
    for (let run = 0; run <= RUNS; run++) {
      dropVolume(2, name);
      tbssh(2, 'rm', '-f', `${poolDir}/${name}.scp`);
      let via = '';
      flush();
      const a = await timeIt(async () => {
        via = (await core.call('migration.copyVolume', { host: 'h1', pool: POOL, volume: name, dest: 'h2' })).via;
      });
      // scp -3 takes one -P for both ends: the two hosts are given as scp:// URIs with their own ports.
      const uri = (i: number, path: string) => `scp://root@${tb.hosts[i - 1]!.sshHost}:${tb.hosts[i - 1]!.sshPort}/${path}`;
      flush();
      const b = await timeIt(async () => scp('-3', ...sshOpts(1).slice(0, -2), uri(1, `${poolDir}/${name}`), uri(2, `${poolDir}/${name}.scp`)));
      expect(via).toBe('ssh');
      process.stdout.write(`[bench] (c2) run ${run}: virtdeck ${(SIZE / MIB / (a / 1000)).toFixed(0)} MiB/s, scp -3 ${(SIZE / MIB / (b / 1000)).toFixed(0)} MiB/s, load ${load()}\n`);
      if (run === 0) continue; // warm-up
      ours.push(SIZE / MIB / (a / 1000));
      theirs.push(SIZE / MIB / (b / 1000));
    }
    record({
      bench: '(c2) copy 200 MiB host → host', ours: 'virtdeck vol copy', oursValue: median(ours), baseline: 'scp -3', baselineValue: median(theirs),
      unit: 'MiB/s', better: 'higher', goal: '≥ 1.3×', note: `dir pools; VirtDeck's time includes creating the volume, the SHA-256 check on h2 and the pool refresh; load ${load()}`,
    });
  });
});
