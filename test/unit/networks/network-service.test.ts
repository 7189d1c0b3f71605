// NetworkService on a fake LibvirtApi (no host): what it asks libvirt, in which order, and what it leaves behind
// when a step fails.
import { describe, expect, it } from 'vitest';
import { coreError } from '../../fixtures/core-error.js';
import { NetworkService } from '../../../electron/core/networks/network-service.js';
import type { LibvirtHosts } from '../../../electron/core/hosts/host-registry.js';
import type { LibvirtApi } from '../../../electron/libvirt/api.js';
import { LibvirtError } from '../../../electron/libvirt/errors.js';
import type { NetworkRef } from '../../../electron/libvirt/protocol/index.js';
import { fakeLibvirt, type FakeLibvirt } from '../../fixtures/libvirt/fake-libvirt.js';

interface FakeNet {
  ref: NetworkRef;
  xml: string;
  active: boolean;
  autostart: boolean;
}

/** One host's networks in memory, behind the procedures NetworkService uses. */
function hostWith(nets: Array<{ name: string; cidr: string; active: boolean }>, failStart = false): { fake: FakeLibvirt; nets: Map<string, FakeNet> } {
  const byName = new Map<string, FakeNet>();
  let n = 0;
  const add = (xml: string): NetworkRef => {
    const name = /<name>([^<]+)<\/name>/.exec(xml)?.[1] ?? 'unnamed';
    const ref = { name, uuid: `00000000-0000-0000-0000-${String(++n).padStart(12, '0')}` };
    byName.set(name, { ref, xml, active: false, autostart: false });
    return ref;
  };
  for (const net of nets) {
    const [ip, prefix] = net.cidr.split('/');
    add(`<network><name>${net.name}</name><forward mode='nat'/><ip address='${ip}' prefix='${prefix}'/></network>`);
    byName.get(net.name)!.active = net.active;
  }
  const get = (ref: NetworkRef): FakeNet => {
    const found = byName.get(ref.name);
    if (!found) throw new LibvirtError({ code: 43, domain: 19, message: `no network '${ref.name}'`, level: 2, str1: null, str2: null, str3: null, int1: -1, int2: -1 });
    return found;
  };
  const impl: Partial<LibvirtApi> = {
    listAllNetworks: async () => [...byName.values()].map((x) => x.ref),
    networkLookupByName: async (name) => get({ name, uuid: '' }).ref,
    networkGetXmlDesc: async (ref) => get(ref).xml,
    networkIsActive: async (ref) => get(ref).active,
    networkIsPersistent: async (ref) => (get(ref), true),
    networkGetAutostart: async (ref) => get(ref).autostart,
    networkDefineXml: async (xml) => add(xml),
    networkSetAutostart: async (ref, on) => void (get(ref).autostart = on),
    networkCreate: async (ref) => {
      if (failStart) throw new LibvirtError({ code: 1, domain: 19, message: 'bridge virbr9 already exists', level: 2, str1: null, str2: null, str3: null, int1: -1, int2: -1 });
      get(ref).active = true;
    },
    networkDestroy: async (ref) => void (get(ref).active = false),
    networkUndefine: async (ref) => void byName.delete(get(ref).ref.name),
  };
  return { fake: fakeLibvirt(impl), nets: byName };
}

const hosts = (api: LibvirtApi): LibvirtHosts => ({ libvirt: () => api, namesOrOnline: (h) => (h ? [h] : ['h1']) });
const DEFAULT = { name: 'default', cidr: '192.168.122.1/24', active: true };

describe('NetworkService on a fake libvirt', () => {
  it('refuses a range that overlaps another network before defining anything', async () => {
    const { fake, nets } = hostWith([DEFAULT]);
    const service = new NetworkService(hosts(fake.api));
    await expect(service.define('h1', { name: 'lab', mode: 'nat', cidr: '192.168.122.50/24' })).rejects.toThrow(
      coreError('network.overlap', { subnet: '192.168.122.0/24', other: 'default', otherSubnet: '192.168.122.0/24' }),
    );
    expect(fake.calls).not.toContain('networkDefineXml');
    expect([...nets.keys()]).toEqual(['default']);
  });

  it('defines, autostarts and starts a network, then reads it back', async () => {
    const { fake } = hostWith([DEFAULT]);
    const info = await new NetworkService(hosts(fake.api)).define('h1', { name: 'lab', mode: 'nat', cidr: '10.9.8.1/24', autostart: true }, { start: true });
    expect(info).toMatchObject({ host: 'h1', name: 'lab', active: true, autostart: true, persistent: true, mode: 'nat', addresses: ['10.9.8.1/24'] });
    const define = fake.calls.indexOf('networkDefineXml');
    expect(fake.calls.slice(define, define + 3)).toEqual(['networkDefineXml', 'networkSetAutostart', 'networkCreate']);
  });

  it('takes back a network that cannot start, and says which one failed', async () => {
    const { fake, nets } = hostWith([DEFAULT], true);
    const err = await new NetworkService(hosts(fake.api)).define('h1', { name: 'lab', mode: 'nat', cidr: '10.9.8.1/24' }, { start: true }).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'CoreError', code: 'network.failed', params: { host: 'h1', network: 'lab', message: expect.stringMatching(/bridge virbr9 already exists/) } });
    expect(fake.calls).toContain('networkUndefine');
    expect([...nets.keys()]).toEqual(['default']);
  });

  it('refuses to start a running network without asking libvirt to', async () => {
    const { fake } = hostWith([DEFAULT]);
    await expect(new NetworkService(hosts(fake.api)).start('h1', 'default')).rejects.toMatchObject({ code: 'network.running', params: { host: 'h1', network: 'default' } });
    expect(fake.calls).not.toContain('networkCreate');
  });
});
