import { describe, expect, it } from 'vitest';
import {
  cidrOrThrow,
  formatIpv4,
  hostAddressProblem,
  hostRange,
  ipv4OrThrow,
  netmaskOrThrow,
  overlaps,
  parseCidr,
  parseIpv4,
  parseNetmask,
} from '../../../electron/core/net/ipv4.js';
import { report } from '../../../shared/model/errors.js';
import { coreError } from '../../fixtures/core-error.js';

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
    for (const s of ['10.0.0', '10.0.0.256', '10.0.0.01', '010.0.0.1', '10.0.0.1.2', '', ' 10.0.0.1', '10.0.0.-1', 'a.b.c.d', '0x0a.0.0.1', '1e2.0.0.1']) {
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

describe('CIDR and netmask', () => {
  it('rejects malformed blocks with the code of what is wrong', () => {
    expect(parseCidr('10.0.0.1')).toEqual({ ok: false, error: report('value.not-cidr', { value: '10.0.0.1' }) });
    expect(parseCidr('10.0.0.1/08')).toEqual({ ok: false, error: report('value.not-cidr', { value: '10.0.0.1/08' }) });
    expect(parseCidr('10.0.0.1/')).toEqual({ ok: false, error: report('value.not-cidr', { value: '10.0.0.1/' }) });
    expect(parseCidr('10.0.0.300/24')).toEqual({ ok: false, error: report('value.not-ipv4', { value: '10.0.0.300' }) });
  });

  it('reads netmasks and refuses holes in them', () => {
    expect(parseNetmask('255.255.240.0')).toEqual({ ok: true, value: 20 });
    expect(parseNetmask('255.255.255.255')).toEqual({ ok: true, value: 32 });
    expect(parseNetmask('0.0.0.0')).toEqual({ ok: true, value: 0 });
    expect(parseNetmask('255.0.255.0')).toEqual({ ok: false, error: report('value.not-netmask', { value: '255.0.255.0' }) });
    expect(parseNetmask('255.255.0')).toEqual({ ok: false, error: report('value.not-ipv4', { value: '255.255.0' }) });
  });

  it('tells overlapping blocks from neighbours', () => {
    expect(overlaps(cidrOrThrow('10.0.0.1/16'), cidrOrThrow('10.0.200.1/24'))).toBe(true);
    expect(overlaps(cidrOrThrow('10.0.0.1/24'), cidrOrThrow('10.0.1.1/24'))).toBe(false);
    expect(overlaps(cidrOrThrow('0.0.0.0/0'), cidrOrThrow('192.168.1.1/32'))).toBe(true);
  });

  it('the throwing forms raise the same report as a CoreError', () => {
    expect(ipv4OrThrow('10.1.2.255')).toBe(0x0a0102ff);
    expect(() => ipv4OrThrow('10.1.2')).toThrow(coreError('value.not-ipv4', { value: '10.1.2' }));
    expect(() => cidrOrThrow('fd00::/64')).toThrow(coreError('value.ipv6', { value: 'fd00::/64' }));
    expect(() => cidrOrThrow('10.0.0.0/33')).toThrow(coreError('ip.prefix-too-large', { value: '10.0.0.0/33', prefix: 33 }));
    expect(() => netmaskOrThrow('255.0.255.0')).toThrow(coreError('value.not-netmask', { value: '255.0.255.0' }));
  });
});
