// Moving a NIC keeps IPAM right: the address it held is freed once its definition moved; a new network with IPAM
// gives it a new one; a move libvirt refuses leaves every address and the definition as they were.
import { describe, expect, it } from 'vitest';
import { moveNic } from '../../../electron/core/vms/hardware/nics.js';
import type { HwTarget } from '../../../electron/core/vms/hardware/target.js';
import type { IpamService } from '../../../electron/core/instances/ipam-service.js';
import { LibvirtError } from '../../../electron/libvirt/errors.js';
import { DomainXml } from '../../../electron/libvirt/xml/domain.js';

const MAC = '52:54:00:00:00:09';
const KEY = 'nic-ip-525400000009';
const SHUT_OFF = { live: false, config: true, auto: false };

function setup(opts: { network: string; heldIp?: string; refuse?: boolean }) {
  const x = DomainXml.parse(
    `<domain type="qemu"><name>web</name><devices><interface type="network"><mac address="${MAC}"/><source network="${opts.network}"/></interface></devices></domain>`,
  );
  if (opts.heldIp) x.virtdeck.set(KEY, opts.heldIp);
  let defined = x.toXml();
  const updates: string[] = [];
  const lv = {
    domainUpdateDevice: async (_d: unknown, xml: string) => {
      if (opts.refuse) throw new LibvirtError({ code: 1, domain: 10, message: 'no such bridge', level: 2, str1: null, str2: null, str3: null, int1: -1, int2: -1 });
      updates.push(xml);
      const next = DomainXml.parse(defined);
      next.interfaces[0]!.sourceNetwork = DomainXml.parse(`<domain><devices>${xml}</devices></domain>`).interfaces[0]!.sourceNetwork;
      defined = next.toXml();
    },
    domainGetXmlDesc: async () => defined,
    domainDefineXml: async (xml: string) => void (defined = xml),
  };
  const log: string[] = [];
  const ipam = {
    get: (_h: string, net: string) => (net === 'ipnet' || net === 'ipnet2' ? { network: net } : null),
    claimAddress: async (plan: { network: string }) => {
      log.push(`reserve ${plan.network} 10.0.0.7`);
      return '10.0.0.7';
    },
    release: async (_h: string, net: string, ip: string) => void log.push(`release ${net} ${ip}`),
  } as unknown as IpamService;
  const t = { lv, dom: { name: 'web', uuid: 'u1' }, who: { host: 'h1', vm: 'web' }, running: false, config: x, live: null } as unknown as HwTarget;
  return { t, ipam, log, updates, held: () => DomainXml.parse(defined).virtdeck.get(KEY), network: () => DomainXml.parse(defined).interfaces[0]!.sourceNetwork };
}

describe('moving a NIC', () => {
  it('from a network with IPAM to one without: the old address is freed and forgotten', async () => {
    const s = setup({ network: 'ipnet', heldIp: '10.0.0.4' });
    const r = await moveNic(s.t, SHUT_OFF, s.ipam, MAC, { network: 'plain' });
    expect(r).toEqual({ running: false, live: [], config: ['nic-source'], ip: null });
    expect(s.log).toEqual(['release ipnet 10.0.0.4']);
    expect([s.network(), s.held()]).toEqual(['plain', null]);
  });
  it('onto another network with IPAM: a new address is held, the old one freed', async () => {
    const s = setup({ network: 'ipnet', heldIp: '10.0.0.4' });
    const r = await moveNic(s.t, SHUT_OFF, s.ipam, MAC, { network: 'ipnet2' });
    expect(r.ip).toBe('10.0.0.7');
    expect(s.log).toEqual(['reserve ipnet2 10.0.0.7', 'release ipnet 10.0.0.4']);
    expect([s.network(), s.held()]).toEqual(['ipnet2', '10.0.0.7']);
  });
  it('a move libvirt refuses frees the new address and keeps the old one', async () => {
    const s = setup({ network: 'ipnet', heldIp: '10.0.0.4', refuse: true });
    await expect(moveNic(s.t, SHUT_OFF, s.ipam, MAC, { network: 'ipnet2' })).rejects.toMatchObject({ code: 'vm.change-failed' });
    expect(s.log).toEqual(['reserve ipnet2 10.0.0.7', 'release ipnet2 10.0.0.7']);
    expect([s.network(), s.held()]).toEqual(['ipnet', '10.0.0.4']);
  });
  it('to where it already is: no change', async () => {
    const s = setup({ network: 'plain' });
    await expect(moveNic(s.t, SHUT_OFF, s.ipam, MAC, { network: 'plain' })).rejects.toMatchObject({ code: 'vm.no-change' });
    expect(s.updates).toEqual([]);
  });
});
