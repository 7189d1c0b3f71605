// The storage/network procedures added for the wizards, against a real daemon (test-bed host 2 over its socket).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LibvirtConnection } from '../../../electron/libvirt/connection.js';
import { LibvirtError } from '../../../electron/libvirt/errors.js';
import { openLocalLibvirtSocket } from '../../../electron/ssh/local-socket.js';
import { testbed } from '../testbed.js';
import { uniq } from '../core/helpers.js';

const tb = testbed();

describe.skipIf(!tb.available)('storage and network procedures on a real daemon', () => {
  let lv: LibvirtConnection;
  const pool = uniq('vdst-proto');
  const dir = `/var/lib/libvirt/images/${pool}`;

  beforeAll(async () => {
    lv = await LibvirtConnection.open(await openLocalLibvirtSocket(tb.hosts[1]?.socket));
  });
  afterAll(async () => {
    try {
      tb.virsh(2, 'pool-destroy', pool);
    } catch {
      /* not running */
    }
    try {
      tb.virsh(2, 'pool-undefine', pool);
    } catch {
      /* gone */
    }
    await lv?.close();
  });

  it('pool define → build → create → info/xml/autostart → volumes (create, from, resize, wipe) → destroy → delete → undefine', async () => {
    const ref = await lv.storagePoolDefineXml(`<pool type='dir'><name>${pool}</name><target><path>${dir}</path></target></pool>`);
    expect(ref.name).toBe(pool);
    expect(await lv.storagePoolIsActive(ref)).toBe(false);
    await lv.storagePoolBuild(ref);
    await lv.storagePoolCreate(ref);
    expect(await lv.storagePoolIsActive(ref)).toBe(true);
    const info = await lv.storagePoolGetInfo(ref);
    expect(info.state).toBe('running');
    expect(info.capacity).toBeGreaterThan(0);
    expect(info.available).toBeLessThanOrEqual(info.capacity);
    expect(await lv.storagePoolGetXmlDesc(ref)).toContain(`<path>${dir}</path>`);
    expect(await lv.storagePoolGetAutostart(ref)).toBe(false);
    await lv.storagePoolSetAutostart(ref, true);
    expect(await lv.storagePoolGetAutostart(ref)).toBe(true);
    expect(tb.virsh(2, 'pool-info', pool)).toMatch(/Autostart:\s+yes/);

    const a = await lv.storageVolCreateXml(ref, `<volume><name>a.raw</name><capacity>1048576</capacity><target><format type='raw'/></target></volume>`);
    const b = await lv.storageVolCreateXmlFrom(ref, `<volume><name>b.raw</name><capacity>1048576</capacity><target><format type='raw'/></target></volume>`, a);
    await lv.storageVolResize(b, 2 * 1048576);
    expect((await lv.storageVolGetInfo(b)).capacity).toBe(2 * 1048576);
    await lv.storageVolWipe(b);
    expect(await lv.storageVolGetXmlDesc(b)).toContain('<name>b.raw</name>');
    await lv.storageVolDelete(a);
    await lv.storageVolDelete(b);

    await lv.storagePoolDestroy(ref);
    expect((await lv.storagePoolGetInfo(ref)).state).toBe('inactive');
    await lv.storagePoolDelete(ref);
    expect(tb.virsh(2, 'pool-list', '--all', '--name')).toContain(pool);
    await lv.storagePoolUndefine(ref);
    expect(tb.virsh(2, 'pool-list', '--all', '--name')).not.toContain(pool);
  });

  it('find-storage-pool-sources of an unknown pool type is a typed libvirt error', async () => {
    await expect(lv.findStoragePoolSources('nonsense', null)).rejects.toBeInstanceOf(LibvirtError);
  });

  it('network lookup/active/persistent/autostart/DHCP leases of the default network', async () => {
    const lv1 = await LibvirtConnection.open(await openLocalLibvirtSocket(tb.hosts[0]?.socket));
    try {
      const net = await lv1.networkLookupByName('default');
      expect(await lv1.networkIsActive(net)).toBe(true);
      expect(await lv1.networkIsPersistent(net)).toBe(true);
      expect(typeof (await lv1.networkGetAutostart(net))).toBe('boolean');
      expect(Array.isArray(await lv1.networkGetDhcpLeases(net))).toBe(true);
    } finally {
      await lv1.close();
    }
  });
});
