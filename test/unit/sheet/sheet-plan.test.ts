// The import plan against a world handed in: VMs found by uuid or host + name, facts old → new, addresses to
// reserve, and every conflict (unknown host/VM, bad tag/value, invalid IP, an address another VM holds, an offline
// host, a VM twice); the exported sheet of the same VMs plans no change.
import { describe, expect, it } from 'vitest';
import type { IpamConfig, IpamView } from '../../../shared/model/instance.js';
import type { VmInfo } from '../../../shared/model/vm.js';
import { planSheet, type SheetWorld } from '../../../electron/core/sheet/sheet-plan.js';
import { sheetTable } from '../../../electron/core/sheet/sheet-table.js';
import { CoreError } from '../../../electron/core/errors.js';

const vm = (host: string, name: string, over: Partial<VmInfo> = {}): VmInfo => ({
  host, name, uuid: `00000000-0000-4000-8000-${(host + name).padEnd(12, '0').slice(0, 12).replace(/[^0-9a-f]/g, 'a')}`,
  state: 'shutoff', vcpus: 1, memoryMiB: 32, autostart: false, persistent: true, locked: false,
  disks: [{ target: 'vda', device: 'disk', source: '/var/lib/libvirt/images/x.qcow2', format: 'qcow2', bus: 'virtio' }],
  nics: [{ mac: '52:54:00:00:00:01', type: 'network', source: 'lan', model: 'virtio', ips: [] }],
  ips: [], tags: [], owner: null, notes: '', fields: {}, firstSeen: '2026-12-01T00:00:00.000Z', lastSeen: '2026-12-02T00:00:00.000Z', stale: false,
  ...over,
});

const lan: IpamConfig = { host: 'h1', network: 'lan', kind: 'network', cidr: '10.9.0.0/24', gateway: '10.9.0.1', dns: ['10.9.0.2'], search: [], range: null, reserved: ['10.9.0.50'] };

function world(vms: VmInfo[], over: Partial<SheetWorld> = {}): SheetWorld {
  return {
    hosts: ['h1', 'h2'],
    vms,
    columns: [{ name: 'tier', kind: 'choice', choices: ['gold', 'silver'] }],
    isOnline: (h) => h !== 'h2',
    ipam: (h, n) => (h === 'h1' && n === 'lan' ? lan : null),
    describe: async (): Promise<IpamView> => ({
      config: lan,
      addresses: [
        { ip: '10.9.0.1', state: 'gateway', inRange: true, holders: [] },
        { ip: '10.9.0.2', state: 'dns', inRange: true, holders: [] },
        { ip: '10.9.0.7', state: 'used', inRange: true, holders: [{ ip: '10.9.0.7', holder: 'h1/db', source: 'inventory' }] },
        { ip: '10.9.0.8', state: 'used', inRange: true, holders: [{ ip: '10.9.0.8', holder: 'h1/web', source: 'guest-agent' }] },
        { ip: '10.9.0.50', state: 'reserved', inRange: true, holders: [] },
      ],
      free: 200,
      used: 2,
    }),
    ...over,
  };
}

const web = vm('h1', 'web', { tags: ['prod'], owner: 'alice', fields: { tier: 'gold' } });
const db = vm('h1', 'db');
const H = ['host', 'name', 'owner', 'tags', 'notes', 'tier', 'ips'];

describe('import plan', () => {
  it('lists per VM each fact old → new and the addresses to reserve; unchanged rows are left out', async () => {
    const plan = await planSheet('csv', [
      H,
      ['h1', 'web', 'bob', 'prod, web;db', 'line 1\r\nline 2', 'silver', '10.9.0.8, 10.9.0.9/24 10.9.0.50'],
      ['h1', 'db', '', '', '', '', ''],
    ], world([web, db]));
    expect(plan.conflicts).toEqual([]);
    expect(plan.rows).toBe(2);
    expect(plan.vms).toEqual([{
      row: 2, host: 'h1', name: 'web', uuid: web.uuid,
      changes: [
        { fact: 'owner', old: 'alice', new: 'bob' },
        { fact: 'notes', old: '', new: 'line 1\nline 2' },
        { fact: 'tags', old: 'prod', new: 'db, prod, web' },
        { fact: 'field', column: 'tier', old: 'gold', new: 'silver' },
      ],
      // 10.9.0.8 is the VM's own (its guest agent says so); .50 is reserved already.
      reserve: [{ network: 'lan', ip: '10.9.0.8' }, { network: 'lan', ip: '10.9.0.9' }],
      outcome: 'planned',
      error: null,
    }]);
  });

  it("an address already reserved for the VM (an earlier apply of the sheet) is not reserved again", async () => {
    const held = world([web], {
      describe: async () => ({
        config: lan, free: 200, used: 1,
        addresses: [{ ip: '10.9.0.9', state: 'used', inRange: true, holders: [{ ip: '10.9.0.9', holder: 'h1/web', source: 'reservation', by: 'ann@desk' }] }],
      }),
    });
    const plan = await planSheet('csv', [['host', 'name', 'owner', 'ips'], ['h1', 'web', 'bob', '10.9.0.9, 10.9.0.10']], held);
    expect(plan.conflicts).toEqual([]);
    expect(plan.vms.map((v) => v.reserve)).toEqual([[{ network: 'lan', ip: '10.9.0.10' }]]);
    const done = await planSheet('csv', [['host', 'name', 'owner', 'ips'], ['h1', 'web', 'alice', '10.9.0.9']], held);
    expect(done.vms).toEqual([]);
  });

  it('finds a VM by uuid before host and name, and reads the admin\'s own headers', async () => {
    const plan = await planSheet('xlsx', [['UUID', 'VM', 'Purpose', 'IP Address', 'Rack'], [web.uuid.toUpperCase(), 'whatever', 'web front', '', 'r4']], world([web]));
    expect(plan.ignoredColumns).toEqual(['Rack']);
    expect(plan.vms.map((v) => [v.name, v.changes])).toEqual([['web', [{ fact: 'notes', old: '', new: 'web front' }]]]);
  });

  it('reports every conflict with its row and column', async () => {
    const plan = await planSheet('csv', [
      H,
      ['h9', 'web', '', '', '', '', ''],
      ['h1', 'ghost', '', '', '', '', ''],
      ['h1', 'web', 'alice', 'prod,bad!tag', '', 'bronze', '10.9.0.7 10.9.0.1 10.9.0.256 10.9.0.3/33 192.168.1.4'],
      ['h1', 'web', 'alice', 'prod', '', 'gold', ''],
      ['h1', 'db', '', '', '', '', '10.9.0.9'],
    ], world([web, db]));
    const got = plan.conflicts.map((c) => [c.row, c.host, c.name, c.error.code, c.error.field, c.error.params]);
    expect(got).toEqual([
      [2, 'h9', 'web', 'sheet.unknown-host', 'host', { host: 'h9' }],
      [3, 'h1', 'ghost', 'sheet.unknown-vm', 'name', { host: 'h1', vm: 'ghost' }],
      [4, 'h1', 'web', 'vm.bad-tag', 'tags', { tag: 'bad!tag' }],
      [4, 'h1', 'web', 'vm.bad-fact-value', 'tier', { column: 'tier', kind: 'choice', value: 'bronze' }],
      [4, 'h1', 'web', 'ipam.in-use', 'ips', { ip: '10.9.0.7', holders: ['h1/db'] }],
      [4, 'h1', 'web', 'ipam.is-gateway', 'ips', { ip: '10.9.0.1', cidr: '10.9.0.0/24' }],
      [4, 'h1', 'web', 'sheet.bad-ip', 'ips', { ip: '10.9.0.256' }],
      [4, 'h1', 'web', 'sheet.bad-ip', 'ips', { ip: '10.9.0.3/33' }],
      [4, 'h1', 'web', 'sheet.no-ipam-network', 'ips', { ip: '192.168.1.4', host: 'h1', vm: 'web' }],
      [5, 'h1', 'web', 'sheet.duplicate-vm', undefined, { host: 'h1', vm: 'web' }],
    ]);
    // db's 10.9.0.9 is free: no conflict there.
    expect(plan.vms.find((v) => v.name === 'db')?.reserve).toEqual([{ network: 'lan', ip: '10.9.0.9' }]);
  });

  it('one address on two rows: the second row conflicts', async () => {
    const plan = await planSheet('csv', [['host', 'name', 'ips'], ['h1', 'web', '10.9.0.20'], ['h1', 'db', '10.9.0.20']], world([web, db]));
    expect(plan.conflicts.map((c) => [c.row, c.error.code, c.error.params])).toEqual([[3, 'ipam.in-use', { ip: '10.9.0.20', holders: ['h1/web'] }]]);
  });

  it('a change on an offline host is a conflict; its unchanged rows are not', async () => {
    const away = vm('h2', 'away', { owner: 'carol' });
    const plan = await planSheet('csv', [['host', 'name', 'owner'], ['h2', 'away', 'carol'], ['h2', 'away2', 'x']], world([away, vm('h2', 'away2')]));
    expect(plan.conflicts.map((c) => [c.row, c.error.code])).toEqual([[3, 'vm.facts-offline']]);
  });

  it('the exported sheet of the same VMs changes nothing', async () => {
    const t = sheetTable([web, db], world([]).columns, () => new Map());
    const rows = [t.columns, ...t.rows.map((r) => r.map(String))];
    const plan = await planSheet('csv', rows, world([web, db]));
    expect(plan).toMatchObject({ rows: 2, vms: [], conflicts: [], ignoredColumns: [] });
  });

  it('refuses a sheet without rows or without the columns that find a VM', async () => {
    await expect(planSheet('csv', [], world([]))).rejects.toMatchObject({ code: 'sheet.empty' });
    const err = await planSheet('csv', [['host', 'owner']], world([])).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CoreError);
    expect(err).toMatchObject({ code: 'sheet.no-key-columns' });
  });
});
