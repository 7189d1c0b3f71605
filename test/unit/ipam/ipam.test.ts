import { describe as group, expect, it } from 'vitest';
import { allocate, checkManual, describe, validateNetwork, type AddressHolder, type IpamNetwork } from '../../../electron/core/ipam/index.js';

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

  it('reports every problem with a precise message', () => {
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
      'cidr: 10.0.0.5/24 has host bits set (did you mean 10.0.0.0/24?)',
      'gateway 10.0.1.1 is outside 10.0.0.0/24',
      'dns[0]: "x" is not an IPv4 address',
      'reserved[0] 10.0.0.255 is the broadcast address of 10.0.0.0/24',
      'search[0]: "bad_domain" is not a domain name',
      'range: start 10.0.0.50 is after end 10.0.0.20',
    ]);
    expect(validateNetwork({ ...net, range: { start: '10.0.0.10', end: '10.0.1.3' } })).toEqual(['range.end 10.0.1.3 is outside 10.0.0.0/24']);
    expect(validateNetwork({ ...net, cidr: '2001:db8::/64' })).toEqual(['cidr: 2001:db8::/64: IPv6 is not supported (IPv4 only)']);
    expect(validateNetwork({ ...net, gateway: '10.0.0.0' })).toEqual(['gateway 10.0.0.0 is the network address of 10.0.0.0/24']);
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
      error: 'pool exhausted: all 5 addresses of 10.0.0.10-10.0.0.14 are taken',
    });
  });

  it('handles /30, /31 and /32 networks', () => {
    const n30: IpamNetwork = { cidr: '192.168.9.4/30', gateway: '192.168.9.5', dns: [], reserved: [] };
    expect(allocate(n30, [])).toEqual({ ok: true, value: '192.168.9.6' });
    expect(allocate(n30, [{ ip: '192.168.9.6', holder: 'a', source: 'inventory' }]).ok).toBe(false);
    const n31: IpamNetwork = { cidr: '192.168.9.8/31', gateway: '192.168.9.8', dns: [], reserved: [] };
    expect(allocate(n31, [])).toEqual({ ok: true, value: '192.168.9.9' });
    const n32: IpamNetwork = { cidr: '192.168.9.10/32', gateway: '192.168.9.10', dns: [], reserved: [] };
    expect(allocate(n32, [])).toEqual({ ok: false, error: 'pool exhausted: all 1 addresses of 192.168.9.10-192.168.9.10 are taken' });
  });

  it('refuses to allocate on an invalid definition', () => {
    expect(allocate({ ...net, gateway: '10.0.1.1' }, [])).toEqual({
      ok: false,
      error: 'invalid network definition: gateway 10.0.1.1 is outside 10.0.0.0/24',
    });
  });
});

group('checkManual', () => {
  it('accepts a free host address, also outside the range and in CIDR form', () => {
    expect(checkManual(net, '10.0.0.200', used)).toEqual({ ok: true, value: '10.0.0.200' });
    expect(checkManual(net, '10.0.0.13/24', used)).toEqual({ ok: true, value: '10.0.0.13' });
  });

  it('names the holder, every source once', () => {
    expect(checkManual(net, '10.0.0.5', used)).toEqual({ ok: false, error: '10.0.0.5 is in use by h1/legacy (guest agent)' });
    expect(checkManual(net, '10.0.0.10', used)).toEqual({
      ok: false,
      error: '10.0.0.10 is in use by h1/web1 (inventory), h1/web1 (guest agent)',
    });
    expect(checkManual(net, '10.0.0.12', used)).toEqual({ ok: false, error: '10.0.0.12 is in use by h2/db (DHCP lease)' });
  });

  it('rejects gateway, DNS, reserved, network, broadcast, outside, wrong prefix and IPv6', () => {
    const err = (ip: string) => {
      const r = checkManual(net, ip, used);
      return r.ok ? 'accepted' : r.error;
    };
    expect(err('10.0.0.1')).toBe('10.0.0.1 is the gateway of 10.0.0.0/24');
    expect(err('10.0.0.2')).toBe('10.0.0.2 is a DNS server of 10.0.0.0/24');
    expect(err('10.0.0.11')).toBe('10.0.0.11 is reserved in 10.0.0.0/24');
    expect(err('10.0.0.0')).toBe('10.0.0.0 is the network address of 10.0.0.0/24');
    expect(err('10.0.0.255')).toBe('10.0.0.255 is the broadcast address of 10.0.0.0/24');
    expect(err('10.0.1.5')).toBe('10.0.1.5 is outside 10.0.0.0/24');
    expect(err('10.0.0.13/16')).toBe('10.0.0.13/16: prefix /16 does not match network 10.0.0.0/24');
    expect(err('fe80::1')).toBe('fe80::1: IPv6 is not supported (IPv4 only)');
  });
});

group('describe', () => {
  it('lists the range with states and holders, plus held addresses outside it', () => {
    const r = describe(net, used);
    if (!r.ok) throw new Error(r.error);
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
      error: 'the range has 16777214 addresses; describe lists at most 65536',
    });
  });
});
