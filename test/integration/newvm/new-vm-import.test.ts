// `virtdeck vm create --import` of the REAL cloud-init guest's disk (test/guest) on test-bed host 2: as a qcow2
// volume (format read from the volume) with an emulated TPM 2.0, and as a raw file at a host path (format found by
// qemu-img info on the host). Both boot to a login; the first is checked from inside through the guest agent (cloud-init
// settled, /sys/class/tpm/tpm0 present). The Debian cloud kernel has no AHCI driver: the
// debian12 preset puts the disk on virtio, as the import must for it to boot at all.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guestImage, guestImageUnavailable } from '../../guest/guest-image.js';
import { hostAddArgs, knownHostsCopy, runCli, tempHome } from '../core/helpers.js';
import { agentExec, waitFor } from '../guest/guest-agent.js';
import { guestHost } from '../guest/guest-host.js';
import { waitForAgent } from '../guest/guest-setup.js';
import { testbed } from '../testbed.js';

const tb = testbed();
const unavailable = guestImageUnavailable();
const HOST = 2;
const H = `h${HOST}`;
const P = `nvm${randomBytes(2).toString('hex')}`;
const RAW = `/var/lib/libvirt/images/${P}-raw.img`;

describe.skipIf(!tb.available || !!unavailable)(`New VM importing the real guest disk on ${H} ${unavailable ?? ''}`, () => {
  const home = tempHome('vd-newvm-imp-');
  const h = guestHost(tb, HOST);
  const domains = () => h.virsh('list', '--all', '--name').split('\n').map((l) => l.trim()).filter((d) => d.startsWith(P));
  const serial = (name: string) => (existsSync(h.serialLog(name)) ? readFileSync(h.serialLog(name), 'utf8') : '');
  const remove = (name: string) => {
    h.quiet('destroy', name);
    h.quiet('undefine', name, '--nvram', '--tpm');
    rmSync(h.serialLog(name), { force: true });
  };

  beforeAll(async () => {
    const base = guestImage().qcow2;
    const added = await runCli(home, hostAddArgs(tb, HOST, knownHostsCopy(tb, home), H));
    expect(added.code, added.stderr).toBe(0);
    const up = await runCli(home, ['vol', 'upload', `${H}/default/${P}.qcow2`, base]);
    expect(up.code, up.stderr).toBe(0);
    const raw = h.inHost('qemu-img', 'convert', '-O', 'raw', base, RAW);
    expect(raw.status, raw.stderr).toBe(0);
  }, 600_000);

  afterAll(() => {
    for (const d of domains()) remove(d);
    h.quiet('vol-delete', '--pool', 'default', `${P}.qcow2`);
    h.inHost('rm', '-f', RAW);
    h.quiet('pool-refresh', 'default');
    rmSync(home, { recursive: true, force: true });
  });

  it('imports the qcow2 volume with TPM 2.0: virtio disk, boots, cloud-init settled, the guest sees tpm0', async () => {
    const name = `${P}-q`;
    const check = await runCli(home, ['vm', 'create', H, name, '--import', `default/${P}.qcow2`, '--os', 'debian12', '--tpm', '--virt-type', 'qemu', '--check', '--json']);
    expect(check.code, check.stderr).toBe(0);
    const plan = (JSON.parse(check.stdout) as { plan: { importFormat: string; bus: string; newDisk: unknown } }).plan;
    expect(plan).toMatchObject({ importFormat: 'qcow2', bus: 'virtio', newDisk: null });
    expect(domains()).toEqual([]); // --check defines nothing

    const r = await runCli(home, ['vm', 'create', H, name, '--import', `default/${P}.qcow2`, '--os', 'debian12', '--tpm', '--virt-type', 'qemu', '--start']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`created ${H}/${name}; started`);
    // one TCG guest at a time: this one goes even when a check fails
    try {
      const xml = h.virsh('dumpxml', '--inactive', name);
      expect(xml).toMatch(/<driver name='qemu' type='qcow2'\/>\s*<source pool='default' volume='[^']+\.qcow2'\/>\s*<target dev='vda' bus='virtio'\/>/);
      await waitForAgent(h, name);
      // TCG on a loaded machine: give each command in the guest minutes, not the helper's default minute.
      const sh = async (cmd: string) => (await agentExec(h.hostVirsh, h.index, name, ['/bin/sh', '-c', cmd], 600_000)).stdout.trim();
      // vm create attaches no NoCloud seed, so cloud-init's generator finds no datasource: it must say so, finished.
      expect(await sh('cloud-init status --wait --long')).toMatch(/status: (done|disabled)/);
      expect(await sh('ls /sys/class/tpm')).toBe('tpm0');
    } finally {
      remove(name);
    }
  }, 900_000);

  it('imports a raw file by host path: format from qemu-img info on the host, boots to a login prompt', async () => {
    const name = `${P}-r`;
    const check = await runCli(home, ['vm', 'create', H, name, '--import', RAW, '--os', 'debian12', '--virt-type', 'qemu', '--check', '--json']);
    expect(check.code, check.stderr).toBe(0);
    expect(JSON.parse(check.stdout)).toMatchObject({ plan: { importFormat: 'raw', bus: 'virtio' } });
    const r = await runCli(home, ['vm', 'create', H, name, '--import', RAW, '--os', 'debian12', '--virt-type', 'qemu', '--start']);
    expect(r.code, r.stderr).toBe(0);
    expect(h.virsh('dumpxml', '--inactive', name)).toContain(`<source file='${RAW}'/>`);
    await waitFor(`${name}: a login prompt on the serial console`, 600_000, () => / login: /.test(serial(name)));
    remove(name);
  }, 900_000);
});
