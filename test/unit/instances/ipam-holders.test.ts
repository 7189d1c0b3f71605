// Who holds an address, gathered from every source: a VM's reservation names the VM as the inventory knows it now
// (a rename shows at once, whichever home made the reservation); one made by hand names what it is for, with who.
import { expect, test } from 'vitest';
import { gatherHolders, rangesOverlap } from '../../../electron/core/instances/ipam-holders.js';
import type { StoredReservation } from '../../../electron/inventory/instance-store.js';
import type { StoredVm } from '../../../electron/inventory/types.js';
import type { IpamConfig } from '../../../shared/model/instance.js';

const config: IpamConfig = { host: 'h1', network: 'lan', kind: 'network', cidr: '10.0.0.0/24', gateway: '10.0.0.1', dns: [], search: [], range: null, reserved: [] };
const vm = (over: Partial<StoredVm>) => ({ host: 'h1', uuid: 'u1', name: 'web-renamed', ips: [], ...over }) as unknown as StoredVm;
const row = (over: Partial<StoredReservation>): StoredReservation => ({
  host: 'h1', network: 'lan', ip: '10.0.0.5', vmName: 'web', vmUuid: 'u1', taskId: null, createdAt: 'x', note: null, by: 'ann@desk', home: 'a', ...over,
});

test('a reservation names its VM by uuid as the inventory knows it, else as it was recorded, else what it is for', () => {
  const holders = gatherHolders(config, {
    vms: [vm({ ips: ['10.0.0.9/24'] })],
    reservations: [row({}), row({ ip: '10.0.0.6', vmUuid: 'gone', vmName: 'old' }), row({ ip: '10.0.0.7', vmName: '', vmUuid: null, note: 'printer "P1"', by: 'bob@lap' })],
    agents: [{ vm: 'db', ip: '10.0.0.8' }],
    leases: [{ ipaddr: '10.0.0.20', hostname: null, mac: '52:54:00:00:00:01' }],
  });
  expect(holders).toEqual([
    { ip: '10.0.0.9', holder: 'h1/web-renamed', source: 'inventory' },
    { ip: '10.0.0.5', holder: 'h1/web-renamed', source: 'reservation', by: 'ann@desk' },
    { ip: '10.0.0.6', holder: 'h1/old', source: 'reservation', by: 'ann@desk' },
    { ip: '10.0.0.7', holder: 'printer "P1"', source: 'reservation', by: 'bob@lap' },
    { ip: '10.0.0.8', holder: 'h1/db', source: 'guest-agent' },
    { ip: '10.0.0.20', holder: 'h1/52:54:00:00:00:01', source: 'dhcp-lease' },
  ]);
});

test('ranges overlap when they share an address', () => {
  expect(rangesOverlap({ start: '10.0.0.10', end: '10.0.0.20' }, { start: '10.0.0.20', end: '10.0.0.30' })).toBe(true);
  expect(rangesOverlap({ start: '10.0.0.10', end: '10.0.0.19' }, { start: '10.0.0.20', end: '10.0.0.30' })).toBe(false);
});
