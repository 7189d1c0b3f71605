// A clone's identity on the XML model (name, UUID, MACs, disks, NVRAM, serial log, lock), its seed (instance-id,
// hostname, network config), its names and volume names, and the seed image read back.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cloneNames } from '../../../shared/model/clone.js';
import { buildInstanceSeed, buildSeedIso } from '../../../electron/core/cloudinit/index.js';
import { readIso9660Files } from '../../../electron/core/cloudinit/iso9660-read.js';
import { instanceDomainXml, instanceSerialLog } from '../../../electron/core/instances/domain-spec.js';
import { rewriteIdentity } from '../../../electron/core/vms/clone/clone-identity.js';
import { cloneSeedFiles, NEW_MACHINE_ID_BOOTCMD } from '../../../electron/core/vms/clone/clone-seed.js';
import { parse } from 'yaml';
import { cloneVolumeName } from '../../../electron/core/vms/clone/clone-volume-name.js';
import { DomainXml } from '../../../electron/libvirt/xml/domain.js';
import type { LaunchPlan } from '../../../shared/model/instance.js';

const plan = {
  name: 'web1', host: 'h1', pool: 'default', virtType: 'qemu', memoryMiB: 512, vcpus: 1, network: 'lab', networkKind: 'network',
  mac: '52:54:00:aa:bb:01', diskVolume: 'web1.qcow2', seedVolume: 'web1-seed.iso', image: { name: 'debian', volume: 'debian.qcow2' },
} as unknown as LaunchPlan;

function source(): DomainXml {
  const d = DomainXml.parse(instanceDomainXml(plan, 'debian', '11111111-2222-3333-4444-555555555555'));
  d.nvram = '/var/lib/libvirt/qemu/nvram/web1_VARS.fd';
  d.addInterface({ type: 'network', sourceNetwork: 'default', mac: '52:54:00:aa:bb:02', targetDev: 'vnet7' });
  d.addDisk({ type: 'file', device: 'disk', sourceFile: '/var/lib/libvirt/images/data.img', targetDev: 'vdb', targetBus: 'virtio' });
  d.virtdeck.locked = true;
  const meta = d.metadataElement('https://virtdeck.dev/xmlns/1')!.parentNode!;
  const foreign = meta.ownerDocument!.createElementNS('urn:other', 'o:keep');
  foreign.setAttribute('v', '1');
  meta.appendChild(foreign);
  return d;
}

describe('clone identity on the XML model', () => {
  it('new name, UUID, MACs, disks, NVRAM and serial log; CD-ROMs not named keep their source; foreign XML kept', () => {
    const d = source();
    const macs = new Map([['52:54:00:aa:bb:01', '52:54:00:00:00:01'], ['52:54:00:aa:bb:02', '52:54:00:00:00:02']]);
    const disks = new Map([
      ['vda', { pool: 'default', volume: 'web2.qcow2', path: '/p/web2.qcow2' }],
      ['vdb', { pool: 'default', volume: 'web2-vdb.img', path: '/p/web2-vdb.img' }],
    ]);
    rewriteIdentity(d, { name: 'web2', uuid: '99999999-2222-3333-4444-555555555555', macs, disks });
    const back = DomainXml.parse(d.toXml());
    expect(back.name).toBe('web2');
    expect(back.uuid).toBe('99999999-2222-3333-4444-555555555555');
    expect(back.interfaces.map((n) => n.mac)).toEqual(['52:54:00:00:00:01', '52:54:00:00:00:02']);
    expect(back.interfaces.map((n) => n.targetDev)).toEqual([null, null]);
    const [vda, seed, vdb] = back.disks;
    expect([vda?.type, vda?.sourcePool, vda?.sourceVolume]).toEqual(['volume', 'default', 'web2.qcow2']);
    expect([seed?.device, seed?.sourceVolume]).toEqual(['cdrom', 'web1-seed.iso']);
    expect([vdb?.type, vdb?.sourceFile]).toEqual(['file', '/p/web2-vdb.img']);
    expect(back.nvram).toBe('/var/lib/libvirt/qemu/nvram/web2_VARS.fd');
    expect(back.serials[0]?.logFile).toBe(instanceSerialLog('web2'));
    expect(back.virtdeck.locked).toBe(false);
    expect(back.virtdeck.get('image')).toBe('debian');
    expect(back.metadataElement('urn:other')?.getAttribute('v')).toBe('1');
    expect(d.toXml().replace('web1-seed.iso', '')).not.toContain('web1');
    expect(d.toXml()).not.toContain('11111111-2222');
  });
  it('a NIC without a new MAC is a programming error, not a silent duplicate', () => {
    expect(() => rewriteIdentity(source(), { name: 'x', uuid: 'u', macs: new Map(), disks: new Map() })).toThrow(/no new MAC/);
  });
});

describe('clone seed', () => {
  const seed = buildInstanceSeed({
    hostname: 'web1', fqdn: 'web1.lab.example', users: [{ name: 'debian', sshAuthorizedKeys: [], sudo: true } as never], sshPwauth: false, packages: [], runcmd: [],
    network: { mode: 'static', mac: '52:54:00:aa:bb:01', address: '10.9.0.5/24', gateway: '10.9.0.1', dns: ['10.9.0.1'], search: ['lab.example'] },
  });
  it('new instance-id and hostname; users kept; the address and MAC of the clone', () => {
    const out = cloneSeedFiles(seed.files, {
      name: 'web2', mac: { from: '52:54:00:aa:bb:01', to: '52:54:00:00:00:01' },
      network: { mode: 'static', mac: '52:54:00:00:00:01', address: '10.9.0.6/24', gateway: '10.9.0.1', dns: ['10.9.0.1'], search: [] },
    });
    expect(out.metaData).toMatch(/^instance-id: iid-web2-[0-9a-f-]{36}\nlocal-hostname: web2\n$/);
    expect(out.metaData).not.toContain(seed.instanceId);
    expect(out.userData.split('\n')[0]).toBe('#cloud-config');
    expect(out.userData).toMatch(/^hostname: web2$/m);
    expect(out.userData).toMatch(/^fqdn: web2\.lab\.example$/m);
    expect(out.userData).toContain('name: debian');
    expect(parse(out.userData).bootcmd).toEqual([NEW_MACHINE_ID_BOOTCMD]);
    // A clone of a clone keeps one such entry, after the user's own.
    const again = cloneSeedFiles({ ...out, userData: out.userData.replace('bootcmd:', 'bootcmd:\n  - [echo, hi]') }, { name: 'web3', mac: null, network: null });
    expect(parse(again.userData).bootcmd).toEqual([['echo', 'hi'], NEW_MACHINE_ID_BOOTCMD]);
    expect(out.networkConfig).toContain('10.9.0.6/24');
    expect(out.networkConfig).toContain('52:54:00:00:00:01');
    expect(out.networkConfig).not.toContain('52:54:00:aa:bb:01');
    // The result is a valid seed.
    expect(buildSeedIso(out).length).toBeGreaterThan(0);
  });
  it('without a new address the source network config follows the new MAC', () => {
    const out = cloneSeedFiles(seed.files, { name: 'web2', mac: { from: '52:54:00:AA:BB:01', to: '52:54:00:00:00:01' }, network: null });
    expect(out.networkConfig).toBe(seed.files.networkConfig!.replace('52:54:00:aa:bb:01', '52:54:00:00:00:01'));
  });
});

describe('seed image read back', () => {
  it('reads what VirtDeck wrote', () => {
    const files = { userData: '#cloud-config\nhostname: a\n', metaData: 'instance-id: i\n', networkConfig: 'version: 2\nethernets: {}\n' };
    const read = readIso9660Files(buildSeedIso(files));
    const text = (n: string) => new TextDecoder().decode(read.get(n));
    expect([...read.keys()].sort()).toEqual(['meta-data', 'network-config', 'user-data']);
    expect([text('user-data'), text('meta-data'), text('network-config')]).toEqual([files.userData, files.metaData, files.networkConfig]);
  });
  it('reads a seed made by genisoimage (cloud-localds style, Joliet + Rock Ridge) and refuses non-ISO bytes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vd-iso-'));
    try {
      writeFileSync(join(dir, 'user-data'), '#cloud-config\n');
      writeFileSync(join(dir, 'meta-data'), 'instance-id: x\n'.repeat(200));
      execFileSync('genisoimage', ['-quiet', '-output', join(dir, 's.iso'), '-volid', 'cidata', '-joliet', '-rock', join(dir, 'user-data'), join(dir, 'meta-data')]);
      const read = readIso9660Files(readFileSync(join(dir, 's.iso')));
      expect(new TextDecoder().decode(read.get('meta-data'))).toBe('instance-id: x\n'.repeat(200));
      expect(read.has('user-data')).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(() => readIso9660Files(new Uint8Array(40_000))).toThrow(/not an ISO 9660/);
  });
});

describe('clone names', () => {
  it('one name, or a {n} pattern for several; letters, digits, . _ - only', () => {
    expect(cloneNames('web2', 1)).toEqual({ ok: true, names: ['web2'] });
    expect(cloneNames('web-{n}', 3)).toEqual({ ok: true, names: ['web-1', 'web-2', 'web-3'] });
    expect(cloneNames('web', 2)).toMatchObject({ ok: false, problem: { code: 'clone.count-needs-pattern', field: 'name' } });
    for (const bad of ['we"b', "we'b", 'wéb', '网站', 'a b', '-web', 'a/b', 'x'.repeat(64)]) {
      expect(cloneNames(bad, 1)).toMatchObject({ ok: false, problem: { code: 'clone.bad-name', params: { name: bad } } });
    }
  });
  it('volume names follow the clone', () => {
    expect(cloneVolumeName('web1.qcow2', 'web1', 'web2', 'vda')).toBe('web2.qcow2');
    expect(cloneVolumeName('data.img', 'a', 'web2', 'vdb')).toBe('web2-vdb.img');
    expect(cloneVolumeName('disk', 'web1', 'web2', 'vdc')).toBe('web2-vdc');
  });
});
