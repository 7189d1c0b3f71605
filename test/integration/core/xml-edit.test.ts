// The XML editor's calls and `vm edit|define` on a real host: libvirt's schema check refuses a bad element with its
// own message and the line it is about while `virsh dumpxml` stays as it was; a good edit lands; a foreign
// <metadata> element written through the editor survives a hardware edit (c14n); graphics passwords the editor
// never saw are kept; a locked VM refuses; pools and networks are edited the same way; volumes are read only.
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/core.js';
import { errorReport } from '../../../electron/core/errors.js';
import type { ErrorReport } from '../../../shared/model/errors.js';
import { testbed } from '../testbed.js';
import { FOREIGN_NS, hwHelpers, refusal } from './hw-helpers.js';
import { defineTinyDomain, knownHostsCopy, purgeDomain, runCli, sshHostConfig, tempHome, uniq } from './helpers.js';

const tb = testbed();
const HOST = 3;
const H = 'xe3';

/** The error a call was refused with, as a front end gets it (code and params); fails when it was not refused. */
async function refused(p: Promise<unknown>): Promise<ErrorReport> {
  try {
    await p;
  } catch (err) {
    return errorReport(err);
  }
  throw new Error('the call was not refused');
}

/** 1-based line of the first line of `text` containing `needle`. */
const lineOf = (text: string, needle: string): number => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe.skipIf(!tb.available)('XML editor: validated define (real host)', () => {
  const home = tempHome('vd-xe-');
  const tag = uniq('xe').slice(3);
  const VM = `xe-vm-${tag}`;
  const SECRET = `xe-vnc-${tag}`;
  const NET = `xe-net-${tag}`;
  const POOL = `xe-pool-${tag}`;
  const NEW = `xe-new-${tag}`;
  const { virsh, quiet, foreign } = hwHelpers(tb, HOST);
  const dump = (name: string) => virsh('dumpxml', '--inactive', '--security-info', name);
  const vm = { kind: 'domain' as const, host: H, name: VM };
  let core: Core;

  beforeAll(async () => {
    defineTinyDomain(tb, HOST, VM);
    defineTinyDomain(tb, HOST, SECRET, "<graphics type='vnc' autoport='yes' passwd='xes3cret'/>");
    const tmp = mkdtempSync(join(tmpdir(), 'vd-xe-'));
    writeFileSync(join(tmp, 'net.xml'), `<network><name>${NET}</name><bridge name='vdxe${tag.slice(0, 6)}' stp='off' delay='0'/></network>`);
    virsh('net-define', join(tmp, 'net.xml'));
    virsh('pool-define-as', POOL, 'dir', '--target', `/var/lib/libvirt/images/${POOL}`);
    virsh('pool-build', POOL);
    virsh('pool-start', POOL);
    virsh('vol-create-as', POOL, 'v1.qcow2', '1M', '--format', 'qcow2');
    core = await createCore({ home, autoConnect: false });
    await core.call('hosts.add', { config: sshHostConfig(tb, HOST, knownHostsCopy(tb, home), H) });
  });

  afterAll(async () => {
    await core?.close();
    purgeDomain(tb, HOST, VM);
    purgeDomain(tb, HOST, SECRET);
    purgeDomain(tb, HOST, NEW);
    quiet(() => virsh('net-undefine', NET));
    quiet(() => virsh('vol-delete', '--pool', POOL, 'v1.qcow2'));
    quiet(() => virsh('pool-destroy', POOL));
    quiet(() => virsh('pool-delete', POOL));
    quiet(() => virsh('pool-undefine', POOL));
  });

  it('refuses an invalid element with libvirt’s message and its line; dumpxml is unchanged', async () => {
    const before = dump(VM);
    const xml = await core.call('xml.read', { target: vm });
    const bad = xml.replace('</devices>', '    <bogus-device/>\n  </devices>');
    const err = await refused(core.call('xml.define', { host: H, kind: 'domain', xml: bad, replaces: VM }));
    expect(err.code).toBe('xml.define-refused');
    expect(err.params.message).toMatch(/failed to validate against schema/);
    expect(err.params.line).toBe(lineOf(bad, '<bogus-device/>'));
    expect(dump(VM)).toBe(before);
  });

  it('refuses malformed XML at its line before libvirt sees it, and a definition of another VM', async () => {
    const before = dump(VM);
    const xml = await core.call('xml.read', { target: vm });
    const broken = xml.replace('<vcpu', '<vcpu><oops>');
    const err = await refused(core.call('xml.define', { host: H, kind: 'domain', xml: broken, replaces: VM }));
    expect(err.code).toBe('xml.parse');
    expect(err.params.line).toBe(lineOf(broken, '<oops>'));
    const other = xml.replace(/<uuid>[^<]+<\/uuid>/, '<uuid>11111111-2222-3333-4444-555555555555</uuid>');
    expect(await refusal(core.call('xml.define', { host: H, kind: 'domain', xml: other, replaces: VM }))).toBe('xml.other-object');
    expect(await refusal(core.call('xml.define', { host: H, kind: 'network', xml, replaces: VM }))).toBe('xml.wrong-kind');
    expect(dump(VM)).toBe(before);
  });

  it('a valid edit (description, memory) lands; a foreign <metadata> element it adds survives a hardware edit (c14n)', async () => {
    const xml = await core.call('xml.read', { target: vm });
    const edited = xml
      .replace(/<memory unit='KiB'>\d+<\/memory>/, "<memory unit='KiB'>49152</memory>")
      .replace(/<currentMemory unit='KiB'>\d+<\/currentMemory>/, "<currentMemory unit='KiB'>49152</currentMemory>")
      .replace('</uuid>', `</uuid>\n  <description>edited in the XML tab</description>\n  <metadata><app xmlns='${FOREIGN_NS}' version='7'><keep a='1'>text &amp; more</keep></app></metadata>`);
    const r = await core.call('xml.define', { host: H, kind: 'domain', xml: edited, replaces: VM });
    expect(r).toMatchObject({ kind: 'domain', name: VM, created: false, previous: xml });
    const after = dump(VM);
    expect(after).toContain('<description>edited in the XML tab</description>');
    expect(after).toContain("<memory unit='KiB'>49152</memory>");
    const meta = foreign(VM);
    expect(meta).toContain('text &amp; more');
    await core.call('vms.setResources', { ref: { host: H, vm: VM }, vcpus: 2 });
    expect(virsh('dumpxml', '--inactive', VM)).toMatch(/<vcpu placement='static'>2<\/vcpu>/);
    expect(foreign(VM)).toBe(meta);
    expect((await core.call('vms.list', { host: H })).find((v) => v.name === VM)?.memoryMiB).toBe(48);
  });

  it('refuses an edit of a definition that changed on the host meanwhile (compare and set)', async () => {
    const xml = await core.call('xml.read', { target: vm });
    virsh('desc', VM, '--config', '--title', 'changed by virsh');
    const before = dump(VM);
    const edited = xml.replace('</uuid>', '</uuid>\n  <description>stale edit</description>');
    const err = await refused(core.call('xml.define', { host: H, kind: 'domain', xml: edited, replaces: VM, basedOn: xml }));
    expect(err).toEqual({ code: 'xml.changed-meanwhile', params: { host: H, kind: 'domain', name: VM } });
    expect(dump(VM)).toBe(before);
    const now = await core.call('xml.read', { target: vm });
    await core.call('xml.define', { host: H, kind: 'domain', xml: now.replace('changed by virsh', 'changed in VirtDeck'), replaces: VM, basedOn: now });
    expect(dump(VM)).toContain('<title>changed in VirtDeck</title>');
  });

  it('keeps the VNC password the editor never saw', async () => {
    const xml = await core.call('xml.read', { target: { kind: 'domain', host: H, name: SECRET } });
    expect(xml).not.toContain('passwd');
    await core.call('xml.define', { host: H, kind: 'domain', xml: xml.replace('</uuid>', '</uuid>\n  <title>kept</title>'), replaces: SECRET });
    expect(dump(SECRET)).toContain("passwd='xes3cret'");
    expect(dump(SECRET)).toContain('<title>kept</title>');
  });

  it('a locked VM refuses a define; unlocked it takes it', async () => {
    const xml = await core.call('xml.read', { target: vm });
    const edited = xml.replace(/<description>[^<]*<\/description>/, '<description>while locked</description>');
    await core.call('vms.setLocked', { ref: { host: H, vm: VM }, locked: true });
    try {
      // the lock is a fact in the domain's own <metadata>: the definition as locked is what must stay
      const before = dump(VM);
      expect(before).toContain('https://virtdeck.dev/xmlns/1/fact/lock');
      expect(await refusal(core.call('xml.define', { host: H, kind: 'domain', xml: edited, replaces: VM }))).toBe('vm.locked');
      expect(await refusal(core.call('xml.define', { host: H, kind: 'domain', xml: edited }))).toBe('vm.locked');
      expect(dump(VM)).toBe(before);
    } finally {
      await core.call('vms.setLocked', { ref: { host: H, vm: VM }, locked: false });
    }
    await core.call('xml.define', { host: H, kind: 'domain', xml: edited, replaces: VM });
    expect(dump(VM)).toContain('<description>while locked</description>');
  });

  it('networks and pools: a bad element refused at its line and nothing changed; a good edit lands', async () => {
    const net = await core.call('xml.read', { target: { kind: 'network', host: H, name: NET } });
    const netBefore = virsh('net-dumpxml', '--inactive', NET);
    const badNet = net.replace('</network>', '  <bogus/>\n</network>');
    const err = await refused(core.call('xml.define', { host: H, kind: 'network', xml: badNet, replaces: NET }));
    expect(err.code).toBe('xml.define-refused');
    expect(err.params.message).toMatch(/extra content: bogus/);
    expect(err.params.line).toBe(lineOf(badNet, '<bogus/>'));
    expect(virsh('net-dumpxml', '--inactive', NET)).toBe(netBefore);
    await core.call('xml.define', { host: H, kind: 'network', xml: net.replace('</network>', "  <mtu size='1400'/>\n</network>"), replaces: NET });
    expect(virsh('net-dumpxml', '--inactive', NET)).toContain("<mtu size='1400'/>");

    const pool = await core.call('xml.read', { target: { kind: 'pool', host: H, name: POOL } });
    const poolBefore = virsh('pool-dumpxml', '--inactive', POOL);
    const badPool = pool.replace('</target>', '  <bogus/>\n  </target>');
    expect((await refused(core.call('xml.define', { host: H, kind: 'pool', xml: badPool, replaces: POOL }))).code).toBe('xml.define-refused');
    expect(virsh('pool-dumpxml', '--inactive', POOL)).toBe(poolBefore);
    const modeEdited = pool.replace(/<mode>\d+<\/mode>/, '<mode>0750</mode>');
    expect(modeEdited).not.toBe(pool);
    await core.call('xml.define', { host: H, kind: 'pool', xml: modeEdited, replaces: POOL });
    expect(virsh('pool-dumpxml', '--inactive', POOL)).toContain('<mode>0750</mode>');

    const vol = await core.call('xml.read', { target: { kind: 'volume', host: H, pool: POOL, name: 'v1.qcow2' } });
    expect(vol).toMatch(/^<volume type='file'>/);
  });

  // The CLI shares the core's home (its inventory knows the host and the lock).
  describe('virtdeck vm edit | vm define', () => {
    const scripts = mkdtempSync(join(tmpdir(), 'vd-xe-editor-'));
    /** An $EDITOR: a script that replaces FROM with TO in the file it is given. */
    const editor = (name: string, from: string, to: string): string => {
      const file = join(scripts, name);
      writeFileSync(file, `#!/bin/sh\nsed -i 's#${from}#${to}#' "$1"\n`);
      chmodSync(file, 0o755);
      return file;
    };
    const cli = (args: string[], env: Record<string, string>) => {
      const saved = { VISUAL: process.env.VISUAL, EDITOR: process.env.EDITOR };
      delete process.env.VISUAL;
      Object.assign(process.env, env);
      const p = runCli(home, args);
      Object.assign(process.env, saved);
      for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k];
      return p;
    };

    it('vm edit: the editor’s change is shown as a diff and defined', async () => {
      const r = await cli(['vm', 'edit', `${H}/${VM}`], { EDITOR: editor('good.sh', '<description>[^<]*</description>', '<description>from the editor</description>') });
      expect(r.stderr).toContain(`defined ${H}/${VM}`);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^--- /);
      expect(r.stdout).toContain('+  <description>from the editor</description>');
      expect(r.stdout).toContain('-  <description>while locked</description>');
      expect(dump(VM)).toContain('<description>from the editor</description>');
    });

    it('vm edit: a refused edit changes nothing, names its line and keeps the file', async () => {
      const before = dump(VM);
      const r = await cli(['vm', 'edit', `${H}/${VM}`], { VISUAL: editor('bad.sh', '</devices>', '<bogus-device/></devices>') });
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(/refused the domain .*\(line \d+\); nothing changed: .*failed to validate/);
      const kept = /your edit is kept in (\S+)/.exec(r.stderr)?.[1] ?? '';
      expect(existsSync(kept) && readFileSync(kept, 'utf8')).toContain('<bogus-device/>');
      expect(dump(VM)).toBe(before);
    });

    it('vm edit of a locked VM refuses; vm define prints the diff against what it replaces', async () => {
      await core.call('vms.setLocked', { ref: { host: H, vm: VM }, locked: true });
      const before = dump(VM);
      const marker = join(scripts, 'editor-ran');
      const any = join(scripts, 'any.sh');
      writeFileSync(any, `#!/bin/sh\ntouch '${marker}'\n`);
      chmodSync(any, 0o755);
      const locked = await cli(['vm', 'edit', `${H}/${VM}`], { EDITOR: any });
      expect(locked.code).not.toBe(0);
      expect(locked.stderr).toMatch(/locked/);
      // Refused before the editor opened: no work is lost to a refusal that was known.
      expect(existsSync(marker)).toBe(false);
      expect(dump(VM)).toBe(before);
      await core.call('vms.setLocked', { ref: { host: H, vm: VM }, locked: false });
      const file = join(scripts, 'vm.xml');
      writeFileSync(file, (await core.call('xml.read', { target: vm })).replace(/<description>[^<]*</, '<description>from a file<'));
      const r = await runCli(home, ['vm', 'define', H, file]);
      expect(r.stderr).toContain(`redefined ${H}/${VM}`);
      expect(r.stdout).toContain('+  <description>from a file</description>');
      expect(dump(VM)).toContain('<description>from a file</description>');
    });

    it('vm define of a new VM: refused with nothing created when invalid, then defined (no diff to print)', async () => {
      const file = join(scripts, 'new.xml');
      const xml = `<domain type='qemu'>\n  <name>${NEW}</name>\n  <memory unit='MiB'>32</memory>\n  <os><type arch='x86_64'>hvm</type></os>\n  <devices>\n  </devices>\n</domain>\n`;
      writeFileSync(file, xml.replace('  </devices>', '    <bogus/>\n  </devices>'));
      const bad = await runCli(home, ['vm', 'define', H, file]);
      expect(bad.code).not.toBe(0);
      // No definition before it to tell the added line: the line of the element libvirt names (<devices>).
      expect(bad.stderr).toMatch(new RegExp(`refused the domain ${NEW} \\(line 5\\); nothing changed`));
      expect(virsh('list', '--all', '--name')).not.toContain(NEW);
      writeFileSync(file, xml);
      const r = await runCli(home, ['vm', 'define', H, file]);
      expect(r.stderr).toContain(`defined new ${H}/${NEW}`);
      expect(r.stdout).toBe('');
      expect(virsh('list', '--all', '--name')).toContain(NEW);
    });
  });
});
