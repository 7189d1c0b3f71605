// The IPAM records kept on a host: names, the record format, and the store over a real file system (this machine's,
// under a temporary root): exclusive create lets exactly one of racing claims win, the config is replaced whole
// under its lock, a stale lock is broken.
import { mkdtempSync, mkdirSync, readFileSync, utimesSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import type { HostFiles } from '../../../electron/core/hosts/host-files.js';
import { rootedFiles } from '../hosts/rooted-files.js';
import {
  IPAM_ROOT, addressOfFile, formatReservation, holderName, networkDir, networkKey, networkOfKey, parseReservation, type HostReservation,
} from '../../../electron/core/ipam/host-record.js';
import {
  claimOnHost, hostReservations, readHostConfig, releaseOnHost, removeHostConfig, seedHostConfig, writeHostConfig,
} from '../../../electron/core/ipam/host-store.js';
import type { IpamConfig } from '../../../shared/model/instance.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** localFiles with every absolute path under a temporary root. */
function rooted(): { files: HostFiles; root: string } {
  const root = mkdtempSync(join(tmpdir(), 'vd-ipam-'));
  dirs.push(root);
  return { files: rootedFiles(root), root };
}

const rec = (ip: string, over: Partial<HostReservation> = {}): HostReservation => ({
  ip, vmName: '', vmUuid: null, taskId: null, note: 'printer', by: 'ann@desk', home: 'home-a', at: '2026-12-02T10:00:00.000Z', ...over,
});

const config: IpamConfig = {
  host: 'h1', network: 'lan', kind: 'bridge', cidr: '10.9.0.0/24', gateway: '10.9.0.1', dns: ['10.9.0.1'], search: [], range: { start: '10.9.0.10', end: '10.9.0.200' }, reserved: [],
};

describe('names on the host', () => {
  test('a plain network name is its own directory; any other is hex, never a path', () => {
    expect(networkKey('default')).toBe('default');
    expect(networkKey('br-lan.10')).toBe('br-lan.10');
    for (const odd of ['..', '.', 'a/b', '../../etc', '网络', 'a b', '.hidden', '']) {
      const key = networkKey(odd);
      expect(key).toMatch(/^~[0-9a-f]*$/);
      expect(networkOfKey(key)).toBe(odd === '' ? null : odd);
    }
    expect(networkOfKey('default')).toBe('default');
    expect(networkOfKey('~zz')).toBeNull();
    expect(networkOfKey('~6c616e')).toBeNull(); // "lan" is written plain: its hex form is not ours
    expect(networkDir('lan')).toBe(`${IPAM_ROOT}/lan`);
  });

  test('only a canonical address file is a reservation', () => {
    expect(addressOfFile('10.0.0.5.json')).toBe('10.0.0.5');
    for (const f of ['config.json', 'config.lock', '10.0.0.5.json.tmp-ab12', '10.0.0.05.json', '10.0.0.256.json', '10.0.0.json']) {
      expect(addressOfFile(f)).toBeNull();
    }
  });

  test('a record keeps any text verbatim; a damaged or misplaced one is not trusted', () => {
    const note = `it's "the" printer $(rm -rf /) \`id\` ; 打印机 ✓\nline 2`;
    const r = rec('10.0.0.7', { note });
    expect(parseReservation('10.0.0.7', formatReservation(r))).toEqual(r);
    expect(parseReservation('10.0.0.8', formatReservation(r))).toBeNull();
    expect(parseReservation('10.0.0.7', '{"ip":')).toBeNull();
    expect(parseReservation('10.0.0.7', '"10.0.0.7"')).toBeNull();
  });

  test('the holder is the VM, else what it is for, else who made it', () => {
    expect(holderName('h1', { vmName: 'web1', note: null, by: 'a@b' })).toBe('h1/web1');
    expect(holderName('h1', { vmName: '', note: 'printer', by: 'a@b' })).toBe('printer');
    expect(holderName('h1', { vmName: '', note: '', by: 'a@b' })).toBe('a@b');
  });
});

describe('the store over a file system', () => {
  test('of 20 racing claims of one address exactly one wins; release frees it', async () => {
    const { files } = rooted();
    const wins = await Promise.all(Array.from({ length: 20 }, (_, i) => claimOnHost(files, 'lan', rec('10.9.0.10', { home: `home-${i}` }))));
    expect(wins.filter(Boolean)).toHaveLength(1);
    const held = await hostReservations(files, 'lan');
    expect(held).toHaveLength(1);
    expect(held[0]!.home).toBe(`home-${wins.indexOf(true)}`);
    expect(await releaseOnHost(files, 'lan', '10.9.0.10')).toBe(true);
    expect(await releaseOnHost(files, 'lan', '10.9.0.10')).toBe(false);
    expect(await claimOnHost(files, 'lan', rec('10.9.0.10'))).toBe(true);
  });

  test('the config is written whole and read back; seeding keeps what the host has; remove takes every record', async () => {
    const { files, root } = rooted();
    expect(await readHostConfig(files, 'h1', 'lan')).toBeNull();
    await writeHostConfig(files, config, 'ann@desk');
    expect(await readHostConfig(files, 'h1', 'lan')).toEqual(config);
    expect(await seedHostConfig(files, { ...config, gateway: '10.9.0.254' }, 'bob@lap')).toBe(false);
    expect((await readHostConfig(files, 'h1', 'lan'))?.gateway).toBe('10.9.0.1');
    expect(JSON.parse(readFileSync(join(root, networkDir('lan'), 'config.json'), 'utf8'))).toMatchObject({ v: 1, kind: 'bridge' });
    await claimOnHost(files, 'lan', rec('10.9.0.11'));
    expect(await removeHostConfig(files, 'lan', 'ann@desk')).toBe(true);
    expect(await files.list(networkDir('lan'))).toEqual([]);
    expect(await removeHostConfig(files, 'lan', 'ann@desk')).toBe(false);
  });

  test('a config that is not one VirtDeck wrote reads as none', async () => {
    const { files, root } = rooted();
    mkdirSync(join(root, networkDir('lan')), { recursive: true });
    writeFileSync(join(root, networkDir('lan'), 'config.json'), '{"kind":"bridge","cidr":"x"}');
    expect(await readHostConfig(files, 'h1', 'lan')).toBeNull();
  });

  test('racing config writers take turns; a crashed writer\'s stale lock is broken', async () => {
    const { files, root } = rooted();
    const gateways = Array.from({ length: 8 }, (_, i) => `10.9.0.${i + 1}`);
    await Promise.all(gateways.map((gateway) => writeHostConfig(files, { ...config, gateway }, 'x@y')));
    expect(gateways).toContain((await readHostConfig(files, 'h1', 'lan'))?.gateway);
    expect((await files.list(networkDir('lan'))).sort()).toEqual(['config.json']);
    const lock = join(root, networkDir('lan'), 'config.lock');
    writeFileSync(lock, '{}');
    const old = new Date(Date.now() - 120_000);
    utimesSync(lock, old, old);
    await writeHostConfig(files, { ...config, gateway: '10.9.0.99' }, 'x@y');
    expect((await readHostConfig(files, 'h1', 'lan'))?.gateway).toBe('10.9.0.99');
  });
});
