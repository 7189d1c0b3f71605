// The spreadsheet on the real test bed: tiny domains on 3 hosts with tags, owner, notes and a custom column; the
// CSV export (`virtdeck export --csv`) matches virsh cell by cell, the XLSX export read with exceljs has the same
// cells, an import whose IP another VM holds shows the conflict and applies nothing (dumpxml unchanged), and an
// import without conflict applies owner/tags (in virsh dumpxml) and the IPAM reservation; an apply during which
// one host's SSH link drops fails that host's VM and applies the others, and the same sheet applied again, the host
// back, changes only what is left.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv, writeCsv } from '../../../shared/csv.js';
import { formatSize } from '../../../electron/core/storage/sizes.js';
import { testbed } from '../testbed.js';
import { createCore } from '../../../electron/core/core.js';
import { coreWithHosts, defineTinyDomain, purgeDomain, runCli, sshdControl, tempHome, uniq } from './helpers.js';

const tb = testbed();

describe.skipIf(!tb.available)('spreadsheet export and import (3 hosts)', () => {
  const home = tempHome('vd-sheet-');
  const tmp = mkdtempSync(join(tmpdir(), 'vd-sheet-files-'));
  const tag = uniq('s').slice(2);
  const NET = `sheet-${tag}`;
  // a: disk + NIC on the IPAM network (h1); b: holds 10.78.0.10 there (h1); c: disk (h2); d: nothing (h3).
  const vms = { a: [1, `sheet-a-${tag}`], b: [1, `sheet-b-${tag}`], c: [2, `sheet-c-${tag}`], d: [3, `sheet-d-${tag}`] } as const;
  const vols: Array<[number, string]> = [[1, `sheet-a-${tag}.qcow2`], [2, `sheet-c-${tag}.qcow2`]];
  const NOTES = '=HYPERLINK("http://evil") 数据库\nrack 4, slot "2"';
  const name = (k: keyof typeof vms) => vms[k][1];
  const hostOf = (k: keyof typeof vms) => vms[k][0];

  const ok = async (args: string[]) => {
    const r = await runCli(home, args);
    expect({ args, code: r.code, stderr: r.code === 0 ? '' : r.stderr }).toEqual({ args, code: 0, stderr: '' });
    return r;
  };

  beforeAll(async () => {
    writeFileSync(join(tmp, 'net.xml'), `<network><name>${NET}</name><bridge name='vdsh${tag.slice(0, 6)}' stp='off' delay='0'/></network>`);
    tb.virsh(1, 'net-define', join(tmp, 'net.xml'));
    tb.virsh(1, 'net-start', NET);
    const disk = (i: number, vol: string) => {
      tb.virsh(i, 'vol-create-as', 'default', vol, '3M', '--format', 'qcow2');
      const path = tb.virsh(i, 'vol-path', '--pool', 'default', vol);
      return `<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='${path}'/><target dev='vda' bus='virtio'/></disk>`;
    };
    const nic = `<interface type='network'><source network='${NET}'/><model type='virtio'/></interface>`;
    defineTinyDomain(tb, 1, name('a'), disk(1, vols[0]![1]) + nic);
    defineTinyDomain(tb, 1, name('b'));
    defineTinyDomain(tb, 2, name('c'), disk(2, vols[1]![1]));
    defineTinyDomain(tb, 3, name('d'));
    const core = await coreWithHosts(tb, home, [1, 2, 3]);
    try {
      const ref = (k: keyof typeof vms) => ({ host: `h${hostOf(k)}`, vm: name(k) });
      await core.call('vms.defineColumn', { name: 'tier', kind: 'choice', choices: ['gold', 'silver'] });
      await core.call('vms.setTags', { ref: ref('a'), add: ['web', 'prod'], remove: [] });
      await core.call('vms.setOwner', { ref: ref('a'), owner: 'alice' });
      await core.call('vms.setNotes', { ref: ref('a'), notes: NOTES });
      await core.call('vms.setField', { ref: ref('a'), column: 'tier', value: 'gold' });
      await core.call('vms.setTags', { ref: ref('c'), add: ['db'], remove: [] });
      await core.call('vms.setOwner', { ref: ref('c'), owner: 'Zoë' });
      await core.call('vms.setOwner', { ref: ref('d'), owner: '-bob' });
      await core.call('ipam.set', {
        host: 'h1', network: NET, settings: { cidr: '10.78.0.0/24', gateway: '10.78.0.1', dns: [], search: [], range: { start: '10.78.0.10', end: '10.78.0.20' }, reserved: [] },
      });
      expect((await core.call('vms.addNic', { ref: ref('b'), network: NET })).ip).toBe('10.78.0.10');
    } finally {
      await core.close();
    }
  }, 120_000);

  afterAll(() => {
    sshdControl(tb, 2).start();
    for (const k of Object.keys(vms) as Array<keyof typeof vms>) purgeDomain(tb, hostOf(k), name(k));
    for (const [i, vol] of vols) {
      try {
        tb.virsh(i, 'vol-delete', '--pool', 'default', vol);
      } catch {
        /* gone */
      }
    }
    for (const cmd of ['net-destroy', 'net-undefine']) {
      try {
        tb.virsh(1, cmd, NET);
      } catch {
        /* gone */
      }
    }
  });

  /** The row of each of our VMs in a sheet, by header. */
  const ours = (rows: string[][]): Map<string, Record<string, string>> => {
    const [header, ...data] = rows;
    const out = new Map<string, Record<string, string>>();
    for (const r of data) {
      const rec = Object.fromEntries(header!.map((h, i) => [h, r[i] ?? '']));
      if (Object.values(vms).some(([, n]) => n === rec.name)) out.set(rec.name!, rec);
    }
    return out;
  };

  const unxml = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  /** The row virsh says a VM has: dominfo, domblklist, domiflist, vol-pool/vol-info, and the facts in dumpxml. */
  function fromVirsh(i: number, vm: string): Record<string, string> {
    const info = Object.fromEntries(tb.virsh(i, 'dominfo', vm).split('\n').map((l) => l.split(/:\s+/, 2) as [string, string]));
    const disks = tb.virsh(i, 'domblklist', '--details', vm).split('\n').slice(2).map((l) => l.trim().split(/\s+/)).filter((f) => f[1] === 'disk' && f[3] && f[3] !== '-')
      .map((f) => {
        const path = f[3]!;
        const capacity = Number(/Capacity:\s+(\d+)/.exec(tb.virsh(i, 'vol-info', '--bytes', path))![1]);
        return `${tb.virsh(i, 'vol-pool', path)}/${path.split('/').at(-1)} (${formatSize(capacity)})`;
      });
    const nics = tb.virsh(i, 'domiflist', vm).split('\n').slice(2).map((l) => l.trim().split(/\s+/)).filter((f) => f.length >= 5);
    const xml = tb.virsh(i, 'dumpxml', vm);
    const all = (el: string) => [...xml.matchAll(new RegExp(`<vd${el}:${el}[^>]*>([^<]*)</vd${el}:${el}>`, 'g'))].map((m) => unxml(m[1]!));
    const fields = [...xml.matchAll(/<vdfield:value[^>]*>([^<]*)<\/vdfield:value>/g)].map((m) => unxml(m[1]!));
    return {
      host: `h${i}`,
      name: vm,
      uuid: info.UUID!,
      state: info.State!.replace(' ', ''),
      vcpus: info['CPU(s)']!,
      'memory (MiB)': String(Number(info['Used memory']!.split(' ')[0]) / 1024),
      disks: disks.join('; '),
      networks: nics.map((f) => f[2]).join(', '),
      macs: nics.map((f) => f[4]).join(', '),
      ips: '',
      tags: all('tag').sort().join(', '),
      owner: all('owner')[0] ?? '',
      notes: all('notes')[0] ?? '',
      tier: fields[0] ?? '',
    };
  }

  let csvRows: Map<string, Record<string, string>>;

  it('the CSV export matches virsh cell by cell on 3 hosts; formula-like cells are protected', async () => {
    const t0 = Date.now();
    const r = await ok(['export', '--csv']);
    expect(r.stdout.split('\r\n')[0]).toBe('host,name,uuid,state,vcpus,memory (MiB),disks,networks,macs,ips,tags,owner,notes,tier,last seen');
    csvRows = ours(parseCsv(r.stdout));
    expect([...csvRows.keys()].sort()).toEqual(Object.values(vms).map(([, n]) => n).sort());
    for (const k of Object.keys(vms) as Array<keyof typeof vms>) {
      const { 'last seen': seen, ...row } = csvRows.get(name(k))!;
      expect(row).toEqual(fromVirsh(hostOf(k), name(k)));
      expect(Date.parse(seen!)).toBeLessThanOrEqual(Date.now());
      expect(Date.parse(seen!)).toBeGreaterThan(t0 - 300_000);
    }
    expect(csvRows.get(name('a'))).toMatchObject({ tags: 'prod, web', owner: 'alice', notes: NOTES, tier: 'gold' });
    expect(csvRows.get(name('c'))?.disks).toMatch(/^default\/sheet-c-.*\.qcow2 \(3 MiB\)$/);
    // In the file itself, the cells starting with = or - carry an apostrophe.
    expect(r.stdout).toContain(`,"'=HYPERLINK(""http://evil"") 数据库\nrack 4, slot ""2""",`);
    expect(r.stdout).toContain(",'-bob,");
  });

  it('the XLSX export opened with exceljs has the same cells, and imports back as no change', async () => {
    const file = join(tmp, 'vms.xlsx');
    await ok(['export', '--xlsx', '--out', file]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const rows: string[][] = [];
    ws.eachRow((row) => rows.push(Array.from({ length: ws.columnCount }, (_, i) => {
      const v = row.getCell(i + 1).value;
      return v === null || v === undefined ? '' : String(v);
    })));
    const xlsx = ours(rows);
    expect(typeof ws.getRow(2).getCell(5).value).toBe('number');
    for (const [vm, row] of csvRows) {
      // last seen moves with each connection: both are times, the later export's not earlier.
      const { 'last seen': a, ...rest } = row;
      const { 'last seen': b, ...restX } = xlsx.get(vm)!;
      expect(restX).toEqual(rest);
      expect(Date.parse(b!)).toBeGreaterThanOrEqual(Date.parse(a!));
    }
    const again = await ok(['import', file]);
    expect(again.stdout).toMatch(/^nothing to change \(\d+ rows\)$/m);
  });

  it('an import with an IP another VM holds shows the conflict and applies nothing', async () => {
    const file = join(tmp, 'conflict.csv');
    writeFileSync(file, writeCsv([
      ['Host', 'VM', 'Owner', 'Tags', 'IP address'],
      ['h1', name('a'), 'mallory', 'evil', '10.78.0.10'],
      ['h2', name('c'), 'carol', 'db', ''],
      ['h9', 'nowhere', '', '', ''],
    ]));
    const before = tb.virsh(1, 'dumpxml', '--inactive', name('a'));
    const preview = await runCli(home, ['import', file]);
    expect(preview.code).toBe(1);
    expect(preview.stdout).toContain(`h1/${name('a')} (row 2)\n  owner: alice → mallory\n  tags: prod, web → evil\n`);
    expect(preview.stdout).toContain(`2 conflict(s):\n  row 2 h1/${name('a')}: ips: 10.78.0.10 is in use by h1/${name('b')}\n  row 4 h9/nowhere: host: no host named h9`);
    const refused = await runCli(home, ['import', file, '--apply']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('the sheet has 2 conflict(s); nothing was applied');
    expect(tb.virsh(1, 'dumpxml', '--inactive', name('a'))).toBe(before);
    expect(tb.virsh(2, 'dumpxml', '--inactive', name('c'))).toContain('>Zoë</vdowner:owner>');
  });

  it('an import without conflict applies owner and tags (in virsh dumpxml) and reserves the address', async () => {
    const file = join(tmp, 'ok.csv');
    writeFileSync(file, writeCsv([
      ['host', 'name', 'owner', 'tags', 'ips', 'tier'],
      ['h1', name('a'), 'mallory', 'evil, web', '10.78.0.15', 'silver'],
      ['h2', name('c'), '', 'db', '', ''],
    ]));
    const r = await ok(['import', file, '--apply']);
    expect(r.stdout).toContain(`  reserve 10.78.0.15 in h1/${NET}`);
    expect(r.stderr).toContain('applied 4 fact change(s) and 1 reservation(s) on 2 VM(s)');
    const xmlA = tb.virsh(1, 'dumpxml', '--inactive', name('a'));
    expect(xmlA).toContain('>mallory</vdowner:owner>');
    expect(xmlA).toContain('>evil</vdtag:tag>');
    expect(xmlA).toContain('>web</vdtag:tag>');
    expect(xmlA).not.toContain('>prod</vdtag:tag>');
    expect(xmlA).toContain('>silver</vdfield:value>');
    expect(tb.virsh(2, 'dumpxml', '--inactive', name('c'))).not.toContain('vdowner');
    // Held for that VM by a compare-and-set on h1 (the host owns the network's reservations).
    const view = JSON.parse((await ok(['net', 'ipam', 'show', `h1/${NET}`, '--json'])).stdout) as { addresses: Array<{ ip: string; state: string; holders: Array<{ holder: string }> }> };
    expect(view.addresses.find((x) => x.ip === '10.78.0.15')).toMatchObject({ state: 'used', holders: [expect.objectContaining({ holder: `h1/${name('a')}` })] });
  });

  it("a host lost midway fails its VM, the others apply; again, the host back, only what is left applies", async () => {
    const file = join(tmp, 'midway.csv');
    // a's address is held for it already (the import above): it is not planned again.
    writeFileSync(file, writeCsv([
      ['host', 'name', 'owner', 'notes', 'ips'],
      ['h1', name('a'), 'midway-a', NOTES, '10.78.0.15'],
      ['h2', name('c'), 'midway-c', 'left for later', ''],
      ['h3', name('d'), 'midway-d', '', ''],
    ]));
    const sshd = sshdControl(tb, 2);
    const core = await createCore({ home, autoConnect: true });
    try {
      await core.call('hosts.connect', {});
      const preview = await core.call('sheet.preview', { file });
      expect(preview.conflicts).toEqual([]);
      expect(preview.vms.map((v) => [v.name, v.changes.map((c) => c.fact), v.reserve])).toEqual([
        [name('a'), ['owner'], []], [name('c'), ['owner', 'notes'], []], [name('d'), ['owner'], []],
      ]);
      // As soon as a's change is in (its VM re-read), every SSH link to h2 dies: the apply is past its checks then.
      let dropped = false;
      const off = core.onEvent((e) => {
        if (!dropped && e.type === 'vm-updated' && e.vm.name === name('a') && e.vm.owner === 'midway-a') {
          dropped = true;
          sshd.drop();
        }
      });
      const applied = await core.call('sheet.apply', { file }).finally(off);
      expect(dropped).toBe(true);
      expect(applied.vms.map((v) => [v.name, v.outcome])).toEqual([[name('a'), 'applied'], [name('c'), 'failed'], [name('d'), 'applied']]);
      expect(applied.vms[1]?.error?.code).toMatch(/^(host|ssh|libvirt)\./);
      expect(tb.virsh(1, 'dumpxml', '--inactive', name('a'))).toContain('>midway-a</vdowner:owner>');
      expect(tb.virsh(3, 'dumpxml', '--inactive', name('d'))).toContain('>midway-d</vdowner:owner>');
      expect(tb.virsh(2, 'dumpxml', '--inactive', name('c'))).not.toContain('midway');

      sshd.start();
      expect((await core.call('hosts.connect', { names: ['h2'] })).map((h) => h.status)).toEqual(['online']);
      const again = await core.call('sheet.apply', { file });
      expect(again.vms.map((v) => [v.name, v.outcome, v.changes.map((c) => c.new)])).toEqual([[name('c'), 'applied', ['midway-c', 'left for later']]]);
      const xmlC = tb.virsh(2, 'dumpxml', '--inactive', name('c'));
      expect(xmlC).toContain('>midway-c</vdowner:owner>');
      expect(xmlC).toContain('>left for later</vdnotes:notes>');
      expect((await core.call('sheet.preview', { file })).vms).toEqual([]);
    } finally {
      sshd.start();
      await core.close();
    }
  });
});
