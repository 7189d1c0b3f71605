// Serial console throughput, same guest, three readers one after another:
//   ours   — core.consoles.openSerial: libvirt console stream over the host's one SSH connection;
//   virsh  — `virsh -c qemu+ssh://… console --force` (under `script`, which gives it the TTY it insists on), piped;
//   pty    — the guest's pty read inside the host itself (no libvirt, no SSH): the ceiling the guest sets.
// The guest (serial-guest.ts) writes 2 MiB to COM1 each time it gets a byte, throttled only by its UART, so every
// reader is measured from "go" to the last byte of the same amount.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/core.js';
import { defineTinyDomain, knownHostsCopy, purgeDomain, sshHostConfig, tempHome, uniq } from '../integration/core/helpers.js';
import { testbed } from '../integration/testbed.js';
import { median, record } from './report.js';
import { CHUNK_BYTES, writeSerialBlasterDisk } from './serial-guest.js';

const tb = testbed();
const HOST = 3;
const CHUNKS = 32;
const BYTES = CHUNKS * CHUNK_BYTES;
const RUNS = 3;
const MB = 1e6;

/** Sends the go byte on `stream` and resolves with the seconds until `BYTES` bytes of 'x' came back. */
function timeStream(input: NodeJS.WritableStream, output: NodeJS.ReadableStream, countOnlyX: boolean): Promise<number> {
  return new Promise((resolve, reject) => {
    let got = 0;
    const t0 = performance.now();
    const onData = (b: Buffer) => {
      if (countOnlyX) {
        for (const c of b) if (c === 0x78) got++;
      } else got += b.length;
      if (got >= BYTES) {
        output.off('data', onData);
        resolve((performance.now() - t0) / 1000);
      }
    };
    output.on('data', onData);
    output.once('error', reject);
    input.write('g');
  });
}

describe.skipIf(!tb.available)('serial console throughput', () => {
  const home = tempHome('vd-bench-con-');
  const name = uniq('bench-serial');
  const sshUri = `qemu+ssh://root@127.0.0.1:${tb.hosts[HOST - 1]?.sshPort}/system?command=${tb.dir}/bin/tbssh`;
  let core: Core;

  beforeAll(async () => {
    const disk = join(mkdtempSync(join(tmpdir(), 'vd-bench-disk-')), 'blaster.img');
    writeSerialBlasterDisk(disk, CHUNKS);
    defineTinyDomain(tb, HOST, name, `<disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='${disk}'/><target dev='hda' bus='ide'/></disk>`);
    tb.virsh(HOST, 'start', name);
    core = await createCore({ home, autoConnect: false });
    await core.call('hosts.add', { config: sshHostConfig(tb, HOST, knownHostsCopy(tb, home)) });
  }, 120_000);

  afterAll(async () => {
    await core?.close();
    purgeDomain(tb, HOST, name);
  });

  it(`MB/s of ${BYTES / MB} MB written by the guest to its serial port`, async () => {
    const ref = { host: tb.hosts[HOST - 1]!.name, vm: name };
    const ours: number[] = [];
    const virsh: number[] = [];
    const pty: number[] = [];
    const ptyPath = /<source path='(\/dev\/pts\/\d+)'/.exec(tb.virsh(HOST, 'dumpxml', name))?.[1];
    expect(ptyPath).toBeDefined();
    for (let r = 0; r < RUNS; r++) {
      const stream: Duplex = await core.consoles.openSerial(ref);
      ours.push(BYTES / MB / (await timeStream(stream, stream, false)));
      stream.destroy();

      const child = spawn('script', ['-qfec', `virsh -c '${sshUri}' console --force ${name}`, '/dev/null'], { stdio: ['pipe', 'pipe', 'inherit'] });
      await new Promise<void>((resolve) => {
        const onData = (b: Buffer) => {
          if (b.toString().includes('Escape character')) {
            child.stdout.off('data', onData);
            resolve();
          }
        };
        child.stdout.on('data', onData);
      });
      virsh.push(BYTES / MB / (await timeStream(child.stdin, child.stdout, true)));
      child.kill('SIGKILL');

      // The ceiling: the pty itself, inside the host's namespaces.
      const t0 = performance.now();
      await new Promise<void>((resolve, reject) => {
        const reader = spawn(join(tb.dir, 'bin', 'tbns'), [
          String(HOST),
          'sh',
          '-c',
          'exec 3<>"$1"; stty -F "$1" raw -echo; printf g >&3; head -c "$2" <&3 >/dev/null',
          'sh',
          ptyPath!,
          String(BYTES),
        ]);
        reader.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`pty reader exited ${code}`))));
      });
      pty.push(BYTES / MB / ((performance.now() - t0) / 1000));
    }
    const note = `${RUNS} runs of ${BYTES / MB} MB; guest polls its 16550 UART, QEMU passes each byte to the pty`;
    record({ bench: 'serial console throughput', ours: 'core console stream over ssh', oursValue: median(ours), baseline: 'virsh console over ssh, piped', baselineValue: median(virsh), unit: 'MB/s', better: 'higher', goal: '≥ 1×', note });
    record({ bench: 'serial console throughput', ours: 'core console stream over ssh', oursValue: median(ours), baseline: 'raw pty read on the host (ceiling)', baselineValue: median(pty), unit: 'MB/s', better: 'higher', goal: '≈ 1×', note });
    expect(median(ours)).toBeGreaterThan(0);
  });
});
