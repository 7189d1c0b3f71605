import { describe as group, expect, it } from 'vitest';
import { allocate, checkManual, describe, validateNetwork, type AddressHolder, type IpamNetwork } from '../../../electron/core/ipam/index.js';
import { report } from '../../../shared/model/errors.js';

const net: IpamNetwork = {
  cidr: '10.0.0.0/24',
  gateway: '10.0.0.1',
  dns: ['10.0.0.2', '9.9.9.9'],
  search: ['lab.example'],
  range: { start: '10.0.0.10', end: '10.0.0.14' },
  reserved: ['10.0.0.11'],
};
const used: AddressHolder[] = [
  { ip: '10.0.0.10', holder: 'h1/web1', source: 'inventory' },
  { ip: '10.0.0.10', holder: 'h1/web1', source: 'guest-agent' },
  { ip: '10.0.0.12', holder: 'h2/db', source: 'dhcp-lease' },
  { ip: '10.0.0.5', holder: 'h1/legacy', source: 'guest-agent' },
];

group('validateNetwork', () => {
  it('accepts a consistent definition', () => {
    expect(validateNetwork(net)).toEqual([]);
  });

  it('reports every problem with its field and params', () => {
    expect(
      validateNetwork({
        cidr: '10.0.0.5/24',
        gateway: '10.0.1.1',
        dns: ['x'],
        search: ['bad_domain'],
        range: { start: '10.0.0.50', end: '10.0.0.20' },
        reserved: ['10.0.0.255'],
      }),
    ).toEqual([
      report('ipam.host-bits', { value: '10.0.0.5/24', network: '10.0.0.0/24' }, 'cidr'),
      report('ip.outside', { ip: '10.0.1.1', cidr: '10.0.0.0/24' }, 'gateway'),
      report('value.not-ipv4', { value: 'x' }, 'dns[0]'),
      report('ip.broadcast-address', { ip: '10.0.0.255', cidr: '10.0.0.0/24' }, 'reserved[0]'),
      report('value.not-domain', { value: 'bad_domain' }, 'search[0]'),
      report('ipam.range-reversed', { start: '10.0.0.50', end: '10.0.0.20' }, 'range'),
    ]);
    expect(validateNetwork({ ...net, range: { start: '10.0.0.10', end: '10.0.1.3' } })).toEqual([
      report('ip.outside', { ip: '10.0.1.3', cidr: '10.0.0.0/24' }, 'range.end'),
    ]);
    expect(validateNetwork({ ...net, cidr: '2001:db8::/64' })).toEqual([report('value.ipv6', { value: '2001:db8::/64' }, 'cidr')]);
    expect(validateNetwork({ ...net, gateway: '10.0.0.0' })).toEqual([report('ip.network-address', { ip: '10.0.0.0', cidr: '10.0.0.0/24' }, 'gateway')]);
  });
});

group('allocate', () => {
  it('hands out the lowest address nobody holds, skipping reserved, gateway and DNS', () => {
    expect(allocate(net, used)).toEqual({ ok: true, value: '10.0.0.13' });
    expect(allocate({ ...net, range: undefined }, [])).toEqual({ ok: true, value: '10.0.0.3' });
  });

  it('uses the range ends and reports exhaustion', () => {
    const held = (ip: string): AddressHolder => ({ ip, holder: 'x', source: 'reservation' });
    expect(allocate(net, [...used, held('10.0.0.13')])).toEqual({ ok: true, value: '10.0.0.14' });
    expect(allocate(net, [...used, held('10.0.0.13'), held('10.0.0.14')])).toEqual({
      ok: false,
      error: report('ipam.exhausted', { size: 5, first: '10.0.0.10', last: '10.0.0.14' }),
    });
  });

  it('handles /30, /31 and /32 networks', () => {
    const n30: IpamNetwork = { cidr: '192.168.9.4/30', gateway: '192.168.9.5', dns: [], reserved: [] };
    expect(allocate(n30, [])).toEqual({ ok: true, value: '192.168.9.6' });
    expect(allocate(n30, [{ ip: '192.168.9.6', holder: 'a', source: 'inventory' }]).ok).toBe(false);
    const n31: IpamNetwork = { cidr: '192.168.9.8/31', gateway: '192.168.9.8', dns: [], reserved: [] };
    expect(allocate(n31, [])).toEqual({ ok: true, value: '192.168.9.9' });
    const n32: IpamNetwork = { cidr: '192.168.9.10/32', gateway: '192.168.9.10', dns: [], reserved: [] };
    expect(allocate(n32, [])).toEqual({ ok: false, error: report('ipam.exhausted', { size: 1, first: '192.168.9.10', last: '192.168.9.10' }) });
  });

  it('refuses to allocate on an invalid definition', () => {
    expect(allocate({ ...net, gateway: '10.0.1.1' }, [])).toEqual({
      ok: false,
      error: report('ip.outside', { ip: '10.0.1.1', cidr: '10.0.0.0/24' }, 'gateway'),
    });
  });
});

group('checkManual', () => {
  it('accepts a free host address, also outside the range and in CIDR form', () => {
    expect(checkManual(net, '10.0.0.200', used)).toEqual({ ok: true, value: '10.0.0.200' });
    expect(checkManual(net, '10.0.0.13/24', used)).toEqual({ ok: true, value: '10.0.0.13' });
  });

  it('names each holder once, whichever sources know it', () => {
    expect(checkManual(net, '10.0.0.5', used)).toEqual({ ok: false, error: report('ipam.in-use', { ip: '10.0.0.5', holders: ['h1/legacy'] }) });
    expect(checkManual(net, '10.0.0.10', used)).toEqual({ ok: false, error: report('ipam.in-use', { ip: '10.0.0.10', holders: ['h1/web1'] }) });
    expect(checkManual(net, '10.0.0.12', used)).toEqual({ ok: false, error: report('ipam.in-use', { ip: '10.0.0.12', holders: ['h2/db'] }) });
  });

  it('rejects gateway, DNS, reserved, network, broadcast, outside, wrong prefix and IPv6', () => {
    const err = (ip: string) => {
      const r = checkManual(net, ip, used);
      return r.ok ? 'accepted' : r.error;
    };
    const in24 = (ip: string) => ({ ip, cidr: '10.0.0.0/24' });
    expect(err('10.0.0.1')).toEqual(report('ipam.is-gateway', in24('10.0.0.1')));
    expect(err('10.0.0.2')).toEqual(report('ipam.is-dns', in24('10.0.0.2')));
    expect(err('10.0.0.11')).toEqual(report('ipam.is-reserved', in24('10.0.0.11')));
    expect(err('10.0.0.0')).toEqual(report('ip.network-address', in24('10.0.0.0')));
    expect(err('10.0.0.255')).toEqual(report('ip.broadcast-address', in24('10.0.0.255')));
    expect(err('10.0.1.5')).toEqual(report('ip.outside', in24('10.0.1.5')));
    expect(err('10.0.0.13/16')).toEqual(report('ipam.prefix-mismatch', { value: '10.0.0.13/16', prefix: 16, cidr: '10.0.0.0/24' }));
    expect(err('fe80::1')).toEqual(report('value.ipv6', { value: 'fe80::1' }));
  });
});

group('describe', () => {
  it('lists the range with states and holders, plus held addresses outside it', () => {
    const r = describe(net, used);
    if (!r.ok) throw new Error(r.error.code);
    expect(r.value.map((a) => [a.ip, a.state, a.inRange, a.holders.map((h) => h.holder).join()])).toEqual([
      ['10.0.0.1', 'gateway', false, ''],
      ['10.0.0.2', 'dns', false, ''],
      ['10.0.0.5', 'used', false, 'h1/legacy'],
      ['10.0.0.10', 'used', true, 'h1/web1,h1/web1'],
      ['10.0.0.11', 'reserved', true, ''],
      ['10.0.0.12', 'used', true, 'h2/db'],
      ['10.0.0.13', 'free', true, ''],
      ['10.0.0.14', 'free', true, ''],
    ]);
  });

  it('covers a whole small network and refuses huge ones', () => {
    const r = describe({ cidr: '10.1.0.0/30', gateway: '10.1.0.1', dns: [], reserved: [] }, []);
    expect(r.ok && r.value.map((a) => `${a.ip}:${a.state}`)).toEqual(['10.1.0.1:gateway', '10.1.0.2:free']);
    expect(describe({ cidr: '10.0.0.0/8', gateway: '10.0.0.1', dns: [], reserved: [] }, [])).toEqual({
      ok: false,
      error: report('ipam.too-large', { size: 16777214, max: 65536 }),
    });
  });
});
