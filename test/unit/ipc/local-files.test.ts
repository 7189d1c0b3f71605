// Local files in call inputs: which calls name them, and the doors' rule that only files the user picked pass
// (issue 8 item 7). The contract walk makes a new file-naming field fail here until it is classified.
import { describe, expect, it } from 'vitest';
import { contract, type CallName } from '../../../shared/ipc/contract.js';
import { CALLS_WITH_LOCAL_FILES, localFilesOf, refuseUnpickedFiles, type LocalFileRef } from '../../../shared/ipc/local-files.js';
import { PickedFiles } from '../../../electron/main/picked-files.js';

type Def = { type: string; shape?: object; innerType?: Schema; element?: Schema; options?: Schema[]; in?: Schema; valueType?: Schema };
type Schema = { _zod: { def: Def } };

/** Every string field of a schema, as a dotted path ([] for array items). */
function stringFields(schema: Schema, at = ''): string[] {
  const d = schema._zod.def;
  switch (d.type) {
    case 'string':
      return [at];
    case 'object':
      return Object.entries(d.shape as Record<string, Schema>).flatMap(([k, v]) => stringFields(v, at ? `${at}.${k}` : k));
    case 'optional':
    case 'nullable':
    case 'default':
    case 'readonly':
      return stringFields(d.innerType!, at);
    case 'array':
      return stringFields(d.element!, `${at}[]`);
    case 'union':
      return d.options!.flatMap((o) => stringFields(o, at));
    case 'pipe':
      return stringFields(d.in!, at);
    case 'record':
      return stringFields(d.valueType!, `${at}{}`);
    default:
      return [];
  }
}

/** Fields whose names say they hold a file, a path, a directory or a device. */
const fileLike = (field: string) => /(file|path|dir|device)s?(\[\])?$/i.test(field);

const GATED = [
  'audit.export file', 'grants.create file', 'grants.open file', 'vms.screenshot file', 'hosts.add config.knownHostsFile', 'hosts.update config.knownHostsFile', 'hosts.probeKey knownHostsFile', 'images.add source.path',
  'sheet.apply file', 'sheet.export file', 'sheet.preview file', 'volumes.download file', 'volumes.upload file'];
/** Paths on the KVM host, which libvirt resolves there: nothing on this machine. */
const ON_THE_HOST = [
  'newVm.create spec.source.path', 'newVm.validate spec.source.path',
  'pools.check spec.device', 'pools.check spec.devices[]', 'pools.check spec.sourcePath', 'pools.define spec.device', 'pools.define spec.devices[]', 'pools.define spec.sourcePath'];
/** SSH identity keys: the core only signs with them; it never sends, shows or writes their contents. */
const IDENTITY_KEYS = ['hosts.add config.ssh.identityFile', 'hosts.check config.ssh.identityFile', 'hosts.probeKey ssh.identityFile', 'hosts.update config.ssh.identityFile'];

/** A valid input for each gated call, naming `file`. */
const SAMPLES: Record<string, (file: string) => unknown> = {
  'volumes.upload': (file) => ({ host: 'h1', pool: 'default', volume: 'disk.qcow2', file }),
  'volumes.download': (file) => ({ host: 'h1', pool: 'default', volume: 'disk.qcow2', file }),
  'audit.export': (file) => ({ host: 'h1', since: '2026-12-01', file }),
  'vms.screenshot': (file) => ({ ref: { host: 'h1', vm: '8c1d3c4e-0f1a-4b7e-9d36-6b0a3e7f1c2d' }, file }),
  'sheet.export': (file) => ({ format: 'csv', file }),
  'sheet.preview': (file) => ({ file }),
  'sheet.apply': (file) => ({ file }),
  'grants.create': (file) => ({
    ref: { host: 'h1', vm: 'web' }, for: 'Ann', until: '2099-01-01T00:00:00Z', vnc: true, serial: false, viewOnly: true,
    passphrase: 'correct horse', createAccount: false, file,
  }),
  'grants.open': (file) => ({ file, passphrase: 'correct horse' }),
  'images.add': (path) => ({ host: 'h1', source: { kind: 'file', path } }),
  'hosts.probeKey': (knownHostsFile) => ({ ssh: { host: 'kvm1' }, knownHostsFile }),
  'hosts.add': (knownHostsFile) => ({ config: { name: 'kvm1', transport: 'ssh', ssh: { host: 'kvm1' }, uri: 'qemu:///system', knownHostsFile } }),
  'hosts.update': (knownHostsFile) => ({ name: 'kvm1', config: { name: 'kvm1', transport: 'ssh', ssh: { host: 'kvm1' }, uri: 'qemu:///system', knownHostsFile } }),
};

describe('local files in the contract', () => {
  it('every file-like field is gated, on the KVM host, or an SSH identity key', () => {
    const found = (Object.keys(contract) as CallName[])
      .flatMap((name) => stringFields(contract[name].input as unknown as Schema).filter(fileLike).map((f) => `${name} ${f}`))
      .sort();
    expect(found).toEqual([...GATED, ...ON_THE_HOST, ...IDENTITY_KEYS].sort());
    expect([...CALLS_WITH_LOCAL_FILES].sort()).toEqual(Object.keys(SAMPLES).sort());
  });

  it.each(Object.entries(SAMPLES))('%s names its file with the right use', (name, sample) => {
    const use = ['volumes.download', 'audit.export', 'sheet.export', 'vms.screenshot', 'grants.create'].includes(name) ? 'write' : name.startsWith('hosts.') ? 'known-hosts' : 'read';
    expect(localFilesOf(name, sample('/home/u/f'))).toEqual([{ path: '/home/u/f', use }]);
  });

  it('calls without a file, inputs that do not parse and unknown names name none', () => {
    expect(localFilesOf('images.add', { host: 'h1', source: { kind: 'url', url: 'https://example.org/i.qcow2' } })).toEqual([]);
    expect(localFilesOf('hosts.probeKey', { ssh: { host: 'kvm1' } })).toEqual([]);
    expect(localFilesOf('volumes.upload', { file: '/etc/shadow' })).toEqual([]);
    expect(localFilesOf('toString', {})).toEqual([]);
  });

  it('refuses the first file not picked, with its path; picked ones pass', () => {
    const picked = new Set(['/home/u/picked.qcow2']);
    const allow = (f: LocalFileRef) => picked.has(f.path);
    expect(refuseUnpickedFiles('volumes.upload', SAMPLES['volumes.upload']!('/etc/shadow'), allow)).toEqual({
      ok: false,
      code: 'file.not-picked',
      params: { file: '/etc/shadow' },
    });
    expect(refuseUnpickedFiles('volumes.upload', SAMPLES['volumes.upload']!('/home/u/picked.qcow2'), allow)).toBeNull();
    expect(refuseUnpickedFiles('hosts.list', {}, () => false)).toBeNull();
  });
});

describe('PickedFiles (the app window’s picks)', () => {
  it('allows a path only to the window that picked it, and only for the use it was picked for', () => {
    const picked = new PickedFiles();
    const win = {};
    const other = {};
    picked.grant(win, '/home/u/disk.qcow2', 'read');
    picked.grant(win, '/home/u/out.raw', 'write');
    expect(picked.allows(win, { path: '/home/u/disk.qcow2', use: 'read' })).toBe(true);
    expect(picked.allows(win, { path: '/home/u/disk.qcow2', use: 'write' })).toBe(false);
    expect(picked.allows(win, { path: '/home/u/disk.qcow2', use: 'known-hosts' })).toBe(false);
    expect(picked.allows(win, { path: '/home/u/out.raw', use: 'write' })).toBe(true);
    expect(picked.allows(other, { path: '/home/u/disk.qcow2', use: 'read' })).toBe(false);
    picked.grant(win, '/home/u/disk.qcow2', 'known-hosts');
    expect(picked.allows(win, { path: '/home/u/disk.qcow2', use: 'known-hosts' })).toBe(true);
    expect(picked.allows(win, { path: '/home/u/disk.qcow2', use: 'read' })).toBe(true);
  });
});
