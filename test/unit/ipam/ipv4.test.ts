import { describe, expect, it } from 'vitest';
import { formatIpv4, hostAddressProblem, hostRange, parseCidr, parseIpv4 } from '../../../electron/core/ipam/index.js';
import { report } from '../../../shared/model/errors.js';

const cidr = (s: string) => {
  const c = parseCidr(s);
  if (!c.ok) throw new Error(c.error.code);
  return c.value;
};

describe('IPv4 parsing', () => {
  it('round-trips dotted quads including the extremes', () => {
    for (const s of ['0.0.0.0', '10.0.0.1', '192.168.255.254', '255.255.255.255']) {
      const p = parseIpv4(s);
      expect(p.ok && formatIpv4(p.value)).toBe(s);
    }
  });

  it('rejects malformed addresses, leading zeros and IPv6 with distinct codes', () => {
    for (const s of ['10.0.0', '10.0.0.256', '10.0.0.01', '10.0.0.1.2', '', ' 10.0.0.1', '10.0.0.-1']) {
      expect(parseIpv4(s)).toEqual({ ok: false, error: report('value.not-ipv4', { value: s }) });
    }
    expect(parseIpv4('fd00::1')).toEqual({ ok: false, error: report('value.ipv6', { value: 'fd00::1' }) });
    expect(parseCidr('fd00::/64')).toEqual({ ok: false, error: report('value.ipv6', { value: 'fd00::/64' }) });
  });

  it('computes network, broadcast and host range for /0 to /32', () => {
    const c24 = cidr('10.0.0.77/24');
    expect([formatIpv4(c24.network), formatIpv4(c24.broadcast), formatIpv4(c24.address)]).toEqual(['10.0.0.0', '10.0.0.255', '10.0.0.77']);
    const r = (s: string) => {
      const h = hostRange(cidr(s));
      return [formatIpv4(h.first), formatIpv4(h.last)];
    };
    expect(r('10.0.0.0/24')).toEqual(['10.0.0.1', '10.0.0.254']);
    expect(r('10.0.0.4/30')).toEqual(['10.0.0.5', '10.0.0.6']);
    expect(r('10.0.0.4/31')).toEqual(['10.0.0.4', '10.0.0.5']);
    expect(r('10.0.0.9/32')).toEqual(['10.0.0.9', '10.0.0.9']);
    expect(r('0.0.0.0/0')).toEqual(['0.0.0.1', '255.255.255.254']);
    expect(parseCidr('10.0.0.0/33')).toEqual({ ok: false, error: report('ip.prefix-too-large', { value: '10.0.0.0/33', prefix: 33 }) });
    expect(parseCidr('10.0.0.0').ok).toBe(false);
  });

  it('names the reason an address is no host address', () => {
    const c = cidr('10.0.0.0/24');
    const p = (s: string) => hostAddressProblem(c, (parseIpv4(s) as { value: number }).value);
    expect(p('10.0.1.1')).toEqual(report('ip.outside', { ip: '10.0.1.1', cidr: '10.0.0.0/24' }));
    expect(p('10.0.0.0')).toEqual(report('ip.network-address', { ip: '10.0.0.0', cidr: '10.0.0.0/24' }));
    expect(p('10.0.0.255')).toEqual(report('ip.broadcast-address', { ip: '10.0.0.255', cidr: '10.0.0.0/24' }));
    expect(p('10.0.0.254')).toBeUndefined();
  });
});
