import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildIso9660, type IsoFile } from '../../../electron/core/cloudinit/index.js';
import { levelOneNames } from '../../../electron/core/cloudinit/iso9660.js';
import { descriptor, readDirectory, readFile, sector } from './iso-reader.js';

const utf8 = (s: string) => new TextEncoder().encode(s);
const date = new Date(Date.UTC(2025, 4, 20, 13, 7, 9, 420));
const files: IsoFile[] = [
  { name: 'user-data', data: utf8('#cloud-config\nhostname: web1\n') },
  { name: 'meta-data', data: utf8('instance-id: i-1\n') },
  { name: 'network-config', data: utf8('version: 2\n'.repeat(300)) }, // 3300 bytes: two sectors
  { name: 'empty', data: new Uint8Array(0) },
];
const iso = buildIso9660({ volumeId: 'cidata', files, date, applicationId: 'VIRTDECK' });

describe('ISO 9660 + Joliet writer', () => {
  it('writes the volume descriptor set: primary, Joliet, terminator', () => {
    expect(sector(iso, 0).every((b) => b === 0)).toBe(true);
    const pvd = descriptor(iso, 16);
    const svd = descriptor(iso, 17);
    expect([pvd.type, svd.type, sector(iso, 18)[0]]).toEqual([1, 2, 255]);
    expect(pvd.volumeId).toBe('cidata');
    expect(svd.volumeId).toBe('cidata');
    expect(svd.escape).toBe('%/E');
    expect(pvd.escape).toBe('\0\0\0');
    for (const d of [pvd, svd]) {
      expect(d.volumeSpaceSize * 2048).toBe(iso.length);
      expect(d.blockSize).toBe(2048);
      expect(d.creation).toBe('2025052013070942+0');
      expect(d.expiration).toBe('0000000000000000');
      expect(d.applicationId).toBe('VIRTDECK');
    }
  });

  it('path tables L and M both lead to the root directory', () => {
    for (const d of [descriptor(iso, 16), descriptor(iso, 17)]) {
      expect(d.pathTableSize).toBe(10);
      const l = sector(iso, d.lTable);
      const m = sector(iso, d.mTable);
      const lv = new DataView(l.buffer, l.byteOffset);
      const mv = new DataView(m.buffer, m.byteOffset);
      expect([l[0], lv.getUint32(2, true), lv.getUint16(6, true), l[8]]).toEqual([1, d.rootSector, 1, 0]);
      expect([m[0], mv.getUint32(2, false), mv.getUint16(6, false), m[8]]).toEqual([1, d.rootSector, 1, 0]);
    }
  });

  it('Joliet names are exact and every file reads back byte for byte', () => {
    const d = descriptor(iso, 17);
    const entries = readDirectory(iso, d.rootSector, d.rootSize, true);
    expect(entries.map((e) => e.name)).toEqual(['.', '..', 'empty', 'meta-data', 'network-config', 'user-data']);
    expect(entries.slice(0, 2).every((e) => e.dir && e.sector === d.rootSector)).toBe(true);
    for (const f of files) {
      const e = entries.find((x) => x.name === f.name)!;
      expect(e.dir).toBe(false);
      expect(Buffer.from(readFile(iso, e)).equals(Buffer.from(f.data))).toBe(true);
    }
    // 7-byte recording date: years since 1900, month, day, h, m, s, UTC offset
    expect(entries[2]!.recordDate).toEqual([125, 5, 20, 13, 7, 9, 0]);
  });

  it('the primary directory has level-1 names pointing at the same data, sorted', () => {
    const d = descriptor(iso, 16);
    const entries = readDirectory(iso, d.rootSector, d.rootSize, false);
    expect(entries.map((e) => e.name)).toEqual(['.', '..', 'EMPTY.;1', 'META_DAT.;1', 'NETWORK_.;1', 'USER_DAT.;1']);
    const joliet = readDirectory(iso, descriptor(iso, 17).rootSector, 2048, true);
    expect(entries.find((e) => e.name === 'USER_DAT.;1')!.sector).toBe(joliet.find((e) => e.name === 'user-data')!.sector);
  });

  it('spreads a large directory over sectors without splitting a record', () => {
    const many = Array.from({ length: 80 }, (_, i) => ({ name: `file-number-${String(i).padStart(3, '0')}-with-a-long-name.txt`, data: utf8(`#${i}`) }));
    const big = buildIso9660({ volumeId: 'many', files: many, date });
    const d = descriptor(big, 17);
    expect(d.rootSize).toBeGreaterThan(2048);
    const entries = readDirectory(big, d.rootSector, d.rootSize, true).slice(2);
    expect(entries).toHaveLength(80);
    for (const [i, e] of entries.entries()) expect(Buffer.from(readFile(big, e)).toString()).toBe(`#${i}`);
    const primary = readDirectory(big, descriptor(big, 16).rootSector, descriptor(big, 16).rootSize, false).slice(2);
    expect(new Set(primary.map((e) => e.name)).size).toBe(80);
  });

  it('refuses names and volume ids it cannot store', () => {
    const build = (name: string, volumeId = 'cidata') => () => buildIso9660({ volumeId, files: [{ name, data: new Uint8Array(1) }] });
    expect(build('a/b')).toThrow('file name not allowed in an ISO 9660/Joliet image: "a/b"');
    expect(build('x;1')).toThrow('not allowed');
    expect(build('')).toThrow('file name must have 1-64 characters');
    expect(build('n'.repeat(65))).toThrow('file name must have 1-64 characters');
    expect(build('ok', 'a-volume-id-too-long')).toThrow('volume id must have 1-16 characters');
    expect(() => buildIso9660({ volumeId: 'v', files: [files[0]!, files[0]!] })).toThrow('duplicate file name "user-data"');
  });

  it('makes unique 8.3 names', () => {
    expect(levelOneNames(['vendor-data', 'vendor-data.json', 'VENDOR_DATA', 'a.tar.gz', '.hidden'])).toEqual([
      'VENDOR_D.;1', 'VENDOR_D.JSO;1', 'VENDOR_1.;1', 'A_TAR.GZ;1', '_HIDDEN.;1',
    ]);
  });
});

// Cross-check with independent readers where they are installed (genisoimage's isoinfo, xorriso).
const has = (cmd: string) => spawnSync('sh', ['-c', 'command -v "$1"', 'sh', cmd]).status === 0;
describe.skipIf(!has('isoinfo'))('isoinfo reads the image', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vd-iso-'));
  const file = join(dir, 'seed.iso');
  writeFileSync(file, iso);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = (...args: string[]) => spawnSync('isoinfo', [...args, '-i', file], { encoding: 'buffer' });

  it('sees the label and the Joliet level', () => {
    const out = run('-d').stdout.toString();
    expect(out).toContain('Volume id: cidata');
    expect(out).toContain('Joliet with UCS level 3 found');
    expect(out).toContain('Volume size is: ' + iso.length / 2048);
  });

  it('lists and extracts the Joliet files', () => {
    const listing = run('-J', '-l').stdout.toString();
    for (const f of files) expect(listing).toMatch(new RegExp(` ${f.data.length} .* ${f.name} *$`, 'm'));
    for (const f of files) expect(Buffer.from(run('-J', '-x', `/${f.name}`).stdout).equals(Buffer.from(f.data))).toBe(true);
  });
});

describe.skipIf(!has('xorriso'))('xorriso reads the image', () => {
  it('lists the names from the Joliet tree', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vd-iso-'));
    const file = join(dir, 'seed.iso');
    writeFileSync(file, iso);
    const r = spawnSync('xorriso', ['-indev', file, '-ls', '/'], { encoding: 'utf8' });
    rmSync(dir, { recursive: true, force: true });
    expect(r.stdout.split('\n').filter(Boolean)).toEqual(["'empty'", "'meta-data'", "'network-config'", "'user-data'"]);
    expect(r.stderr).toContain("Volume id    : 'cidata'");
  });
});
