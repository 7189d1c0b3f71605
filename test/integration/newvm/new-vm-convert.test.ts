// `vm create --import X --convert qcow2` on test-bed host 2, for real and agentless: a vmdk made on the host with
// qemu-img (holding a marker) is copied by libvirt into a new qcow2 volume (virStorageVolCreateXMLFrom; libvirtd runs
// qemu-img convert); qemu-img info on the host says qcow2, qemu-img compare says same content, the original is kept,
// the VM is defined on the new volume. A path outside every pool cannot be converted and is refused with nothing made.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostAddArgs, knownHostsCopy, runCli, tempHome } from '../core/helpers.js';
import { guestHost } from '../guest/guest-host.js';
import { testbed } from '../testbed.js';

const tb = testbed();
const HOST = 2;
const H = `h${HOST}`;
const P = `nvc${randomBytes(2).toString('hex')}`;
const DIR = '/var/lib/libvirt/images';
const VMDK = `${DIR}/${P}.vmdk`;
const STRAY = `/var/tmp/${P}-stray.vmdk`;

describe.skipIf(!tb.available)(`New VM importing a vmdk converted to qcow2 on ${H}`, () => {
  const home = tempHome('vd-newvm-conv-');
  const h = guestHost(tb, HOST);
  const domains = () => h.virsh('list', '--all', '--name').split('\n').map((l) => l.trim()).filter((d) => d.startsWith(P));
  const volumes = () => h.virsh('vol-list', 'default').split('\n').map((l) => l.trim().split(/\s+/)[0] ?? '').filter((v) => v.startsWith(P));
  const run = (...argv: string[]) => {
    const r = h.inHost(...argv);
    expect(r.status, `${argv.join(' ')}: ${r.stderr}`).toBe(0);
    return r.stdout;
  };
  const create = (name: string, from: string, ...extra: string[]) =>
    runCli(home, ['vm', 'create', H, name, '--import', from, '--convert', 'qcow2', '--os', 'debian12', '--virt-type', 'qemu', ...extra]);

  beforeAll(async () => {
    // a raw disk with a marker at 1 MiB, as a vmdk
    const raw = `${DIR}/${P}-src.raw`;
    run('qemu-img', 'create', '-q', '-f', 'raw', raw, '8M');
    run('sh', '-c', `printf VIRTDECK-CONVERTED | dd of=${raw} bs=1M seek=1 conv=notrunc status=none`);
    run('qemu-img', 'convert', '-O', 'vmdk', raw, VMDK);
    run('cp', VMDK, STRAY);
    run('rm', '-f', raw);
    h.virsh('pool-refresh', 'default');
    const added = await runCli(home, hostAddArgs(tb, HOST, knownHostsCopy(tb, home), H));
    expect(added.code, added.stderr).toBe(0);
  }, 120_000);

  afterAll(() => {
    for (const d of domains()) h.quiet('undefine', d);
    for (const v of volumes()) h.quiet('vol-delete', '--pool', 'default', v);
    h.inHost('rm', '-f', STRAY);
    rmSync(home, { recursive: true, force: true });
  });

  it('--check plans the conversion; the task converts, keeps the original and defines the VM on the qcow2', async () => {
    const name = `${P}-a`;
    const check = await create(name, `default/${P}.vmdk`, '--check', '--json');
    expect(check.code, check.stderr).toBe(0);
    expect(JSON.parse(check.stdout)).toMatchObject({ plan: { importFormat: 'vmdk', convert: { from: VMDK, to: { pool: 'default', volume: `${name}.qcow2` } } } });
    expect(volumes()).toEqual([`${P}.vmdk`]);

    const r = await create(name, `default/${P}.vmdk`);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`created ${H}/${name} with default/${name}.qcow2`);
    const info = JSON.parse(run('qemu-img', 'info', '--output=json', '-U', `${DIR}/${name}.qcow2`)) as { format: string; 'virtual-size': number };
    expect(info).toMatchObject({ format: 'qcow2', 'virtual-size': 8 * 1024 * 1024 });
    expect(run('qemu-img', 'compare', '-q', '-U', VMDK, `${DIR}/${name}.qcow2`)).toBe('');
    expect(JSON.parse(run('qemu-img', 'info', '--output=json', '-U', VMDK))).toMatchObject({ format: 'vmdk' });
    expect(h.virsh('dumpxml', '--inactive', name)).toMatch(new RegExp(`<driver name='qemu' type='qcow2'/>\\s*<source pool='default' volume='${name}\\.qcow2'/>`));
  }, 180_000);

  it('a host path in a pool converts too; one outside every pool is refused with nothing made', async () => {
    const name = `${P}-b`;
    const r = await create(name, VMDK);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(run('qemu-img', 'info', '--output=json', '-U', `${DIR}/${name}.qcow2`))).toMatchObject({ format: 'qcow2' });

    const before = { d: domains(), v: volumes() };
    const stray = await create(`${P}-c`, STRAY);
    expect(stray.code).toBe(1);
    expect(stray.stderr).toContain(`${STRAY} on ${H} is not a volume of a storage pool`);
    expect({ d: domains(), v: volumes() }).toEqual(before);
    const usage = await runCli(home, ['vm', 'create', H, `${P}-c`, '--no-media', '--convert', 'qcow2']);
    expect(usage.code).toBe(2);
  }, 180_000);
});
