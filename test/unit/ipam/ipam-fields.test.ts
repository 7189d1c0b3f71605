// The IPAM form places each problem the core's check finds on its input: validateNetwork names the settings field
// ("gateway", "dns[1]", "range.start", "range"), the form shows it on the input that edits it.
import { describe, expect, it } from 'vitest';
import { validateNetwork } from '../../../electron/core/ipam/index.js';
import type { IpamNetwork } from '../../../electron/core/ipam/types.js';
import { byInput, relativeIssues } from '../../../renderer/app/field-issues.js';
import { ipamInputOf } from '../../../renderer/features/instances/ipam-inputs.js';

const good: IpamNetwork = { cidr: '10.79.1.0/24', gateway: '10.79.1.1', dns: ['10.79.1.1'], search: [], range: { start: '10.79.1.100', end: '10.79.1.200' }, reserved: [] };
const inputsOf = (net: IpamNetwork) => {
  const placed = byInput(relativeIssues(validateNetwork(net)), ipamInputOf);
  return { on: Object.fromEntries(Object.entries(placed.on).map(([i, list]) => [i, list?.map((e) => e.code)])), elsewhere: placed.elsewhere };
};

describe('IPAM problems on their inputs', () => {
  it('valid settings have none', () => {
    expect(validateNetwork(good)).toEqual([]);
  });
  it.each<[string, Partial<IpamNetwork>, Record<string, string[]>]>([
    ['a CIDR that does not parse', { cidr: '10.79.1/24' }, { cidr: ['value.not-ipv4'] }],
    ['host bits in the CIDR', { cidr: '10.79.1.5/24' }, { cidr: ['ipam.host-bits'] }],
    ['a gateway outside the CIDR', { gateway: '10.80.0.1' }, { gateway: ['ip.outside'] }],
    ['an empty gateway', { gateway: '' }, { gateway: ['value.not-ipv4'] }],
    ['a second DNS server that is no address', { dns: ['10.79.1.1', 'dns.example'] }, { dns: ['value.not-ipv4'] }],
    ['a search domain with a space', { search: ['a b'] }, { search: ['value.not-domain'] }],
    ['a range start outside the CIDR', { range: { start: '10.78.0.5', end: '10.79.1.200' } }, { rangeStart: ['ip.outside'] }],
    ['a range end that is the broadcast', { range: { start: '10.79.1.100', end: '10.79.1.255' } }, { rangeEnd: ['ip.broadcast-address'] }],
    ['a reversed range', { range: { start: '10.79.1.200', end: '10.79.1.100' } }, { rangeStart: ['ipam.range-reversed'] }],
    ['a reserved address that is no address', { reserved: ['10.79.1.300'] }, { reserved: ['value.not-ipv4'] }],
  ])('%s', (_what, patch, on) => {
    expect(inputsOf({ ...good, ...patch })).toEqual({ on, elsewhere: [] });
  });
  it('every problem at once, each on its own input', () => {
    expect(Object.keys(inputsOf({ ...good, gateway: 'x', dns: ['y'], reserved: ['z'] }).on).sort()).toEqual(['dns', 'gateway', 'reserved']);
  });
  it('a problem of no settings field (the host is offline) is elsewhere', () => {
    const placed = byInput(relativeIssues([{ code: 'host.offline', params: { host: 'h1', since: 'x' } }]), ipamInputOf);
    expect(placed.elsewhere).toHaveLength(1);
  });
});
