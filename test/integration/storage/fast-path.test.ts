// The fast path of volume bytes on real hosts: an upload into a dir pool and a host → host copy between dir pools go
// over the host's SSH link straight into the volume's file (written by a command on the host, which hashes what it
// stored; a copy's source read over SFTP; the pool refreshed), this machine as a `local` host still takes libvirt's
// stream, the host's check refuses bytes that differ, and a cancelled upload leaves no volume. Small files (8 MiB),
// so that CI stays fast.
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/core.js';
import { verifyOnHost } from '../../../electron/core/storage/transfer-streams.js';
import type { TaskInfo } from '../../../shared/model/task.js';
import { coreError } from '../../fixtures/core-error.js';
import { coreWithHosts, tempHome, uniq, waitFor } from '../core/helpers.js';
import { testbed } from '../testbed.js';

const tb = testbed();
const POOL = 'default';
const MIB = 1024 * 1024;

describe.skipIf(!tb.available)('volume bytes over SSH into file-backed pools', () => {
  const home = tempHome('vd-fast-');
  const file = join(home, 'data.bin');
  const bytes = randomBytes(8 * MIB + 123);
  const sha = createHash('sha256').update(bytes).digest('hex');
  const name = `${uniq('fast')}.raw`;
  let core: Core;

  const vols = (host: number): string[] => tb.virsh(host, 'vol-list', POOL).split('\n').slice(2).map((l) => l.trim().split(/\s+/)[0]!).filter(Boolean);
  /** The volume's content as libvirt itself reads it back. */
  const storedSha = (host: number, vol: string): string => {
    const back = join(home, `back-${host}-${vol}`);
    tb.virsh(host, 'vol-download', '--pool', POOL, vol, back);
    return createHash('sha256').update(readFileSync(back)).digest('hex');
  };
  const drop = (host: number, vol: string): void => {
    try {
      tb.virsh(host, 'vol-delete', '--pool', POOL, vol);
    } catch {
      /* not there */
    }
  };

  beforeAll(async () => {
    writeFileSync(file, bytes);
    core = await coreWithHosts(tb, home, [1, 2]);
    await core.hosts.add({ name: 'here', transport: 'local', uri: `qemu+unix:///system?socket=${tb.hosts[2]!.socket}` });
  });

  afterAll(async () => {
    await core?.close();
    for (const h of [1, 2, 3]) for (const v of [name, `${name}.local`, `${name}.cancel`]) drop(h, v);
  });

  it('an upload into a dir pool goes over SSH into the file: the host’s SHA-256 is the file’s, libvirt sees the new volume', async () => {
    const r = await core.call('volumes.upload', { host: 'h1', pool: POOL, volume: name, file });
    expect(r).toMatchObject({ via: 'ssh', created: true, bytes: bytes.length, sha256: sha });
    expect(storedSha(1, name)).toBe(sha);
    expect(tb.virsh(1, 'vol-info', '--pool', POOL, name, '--bytes')).toMatch(new RegExp(`Capacity:\\s+${bytes.length} bytes`));
  });

  it('a host → host copy between dir pools goes over both hosts’ SSH links, checked on the target', async () => {
    const r = await core.call('migration.copyVolume', { host: 'h1', pool: POOL, volume: name, dest: 'h2' });
    expect(r).toMatchObject({ via: 'ssh', host: 'h2', volume: name, bytes: bytes.length, sha256: sha });
    expect(storedSha(2, name)).toBe(sha);
    expect(tb.virsh(2, 'vol-info', '--pool', POOL, name, '--bytes')).toMatch(new RegExp(`Capacity:\\s+${bytes.length} bytes`));
  });

  it('this machine as a local host takes libvirt’s stream, same bytes', async () => {
    const r = await core.call('volumes.upload', { host: 'here', pool: POOL, volume: `${name}.local`, file });
    expect(r).toMatchObject({ via: 'stream', created: true, bytes: bytes.length, sha256: sha });
    expect(storedSha(3, `${name}.local`)).toBe(sha);
  });

  it('the host’s check refuses a file whose bytes differ from those sent', async () => {
    const path = tb.virsh(2, 'vol-path', '--pool', POOL, name);
    const wrong = { bytes: bytes.length, sha256: '0'.repeat(64) };
    await expect(verifyOnHost(core.hostRegistry.get('h2'), path, wrong)).rejects.toEqual(
      coreError('migrate.checksum-mismatch', { host: 'h2', path, expected: wrong.sha256, actual: sha }));
    // Only the first bytes count when an upload wrote over the start of a larger volume.
    const head = createHash('sha256').update(bytes.subarray(0, MIB)).digest('hex');
    await verifyOnHost(core.hostRegistry.get('h2'), path, { bytes: MIB, sha256: head }, true);
  });

  it('a cancelled upload over SSH leaves no volume', async () => {
    const big = join(home, 'big.bin');
    writeFileSync(big, randomBytes(96 * MIB));
    const updates: TaskInfo[] = [];
    const off = core.onEvent((e) => void (e.type === 'task' && updates.push(e.task)));
    const started = await core.dispatch('volumes.upload', { host: 'h1', pool: POOL, volume: `${name}.cancel`, file: big });
    if (!started.ok) throw new Error(`not started: ${started.code}`);
    const { taskId } = started.value as { taskId: string };
    await waitFor('upload progress', () => updates.some((t) => t.id === taskId && (t.progress ?? 0) > 0), 60_000, 5);
    await core.call('tasks.cancel', { id: taskId });
    const end = await waitFor('the task to end', () => updates.find((t) => t.id === taskId && t.state !== 'running'), 60_000, 50);
    off();
    expect(end.state).toBe('cancelled');
    expect(vols(1)).not.toContain(`${name}.cancel`);
  });
});
