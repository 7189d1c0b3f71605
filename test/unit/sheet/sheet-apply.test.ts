// sheet.apply goes VM by VM and on past a VM whose host fails midway: that VM is failed with the error's report (what
// landed before the failure stays), the VMs after it are applied; importing the same sheet again, the host back,
// plans and applies only what is left. The sheet is a real CSV file; the hosts are facts kept in memory, the second
// host dropping its link after its first write.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { SheetService, type SheetDeps } from '../../../electron/core/sheet/sheet-service.js';
import { CoreError } from '../../../electron/core/errors.js';
import { writeCsv } from '../../../shared/csv.js';
import { report } from '../../../shared/model/errors.js';
import type { VmInfo, VmRef } from '../../../shared/model/vm.js';

const dir = mkdtempSync(join(tmpdir(), 'vd-sheet-apply-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const vm = (host: string, name: string, uuid: string): VmInfo => ({
  host, name, uuid, state: 'shutoff', vcpus: 1, memoryMiB: 32, autostart: false, persistent: true, locked: false, disks: [], nics: [], ips: [],
  tags: [], owner: null, notes: '', fields: {}, firstSeen: '2026-12-01T00:00:00.000Z', lastSeen: '2026-12-02T00:00:00.000Z', stale: false,
});

/** Hosts h1 and h2 whose VMs' facts live here; h2 fails every write once `h2Fails` writes have landed there. */
function world() {
  const vms = [vm('h1', 'web', '00000000-0000-4000-8000-000000000001'), vm('h2', 'db', '00000000-0000-4000-8000-000000000002'), vm('h1', 'api', '00000000-0000-4000-8000-000000000003')];
  const state = { h2Writes: 0, h2Fails: Infinity };
  const write = (ref: VmRef, change: (v: VmInfo) => void): Promise<VmInfo> => {
    const v = vms.find((x) => x.host === ref.host && x.uuid === ref.vm)!;
    if (ref.host === 'h2' && state.h2Writes++ >= state.h2Fails) return Promise.reject(new CoreError('ssh.unreachable', { target: 'h2', reason: 'connection reset' }));
    change(v);
    return Promise.resolve(v);
  };
  const deps: SheetDeps = {
    hosts: { names: () => ['h1', 'h2'], isOnline: () => true, libvirt: () => { throw new Error('not used by apply'); } },
    vms: { list: () => vms.map((v) => ({ ...v, tags: [...v.tags] })) },
    facts: {
      columns: () => [],
      setOwner: (ref, owner) => write(ref, (v) => (v.owner = owner || null)),
      setNotes: (ref, notes) => write(ref, (v) => (v.notes = notes)),
      setField: (ref) => write(ref, () => undefined),
      setTags: (ref, add, remove) => write(ref, (v) => (v.tags = [...v.tags.filter((t) => !remove.includes(t)), ...add])),
    },
    ipam: {
      get: () => null,
      describe: () => Promise.reject(new Error('no IPAM here')),
      require: () => { throw new Error('no IPAM here'); },
      reserveForVm: () => Promise.reject(new Error('no IPAM here')),
    },
  };
  return { sheet: new SheetService(deps), vms, state };
}

it('a VM whose host fails midway is failed with its report, the others applied; again, only what is left applies', async () => {
  const { sheet, vms, state } = world();
  const file = join(dir, 'facts.csv');
  writeFileSync(file, writeCsv([['host', 'name', 'owner', 'notes', 'tags'], ['h1', 'web', 'ann', 'front', 'web'], ['h2', 'db', 'bob', 'main db', 'db'], ['h1', 'api', 'cy', '', '']]));
  state.h2Fails = 1; // db's owner lands, then h2's link drops

  const first = await sheet.apply(file);
  expect(first.applied).toBe(true);
  expect(first.vms.map((v) => [v.name, v.outcome, v.error])).toEqual([
    ['web', 'applied', null],
    ['db', 'failed', report('ssh.unreachable', { target: 'h2', reason: 'connection reset' })],
    ['api', 'applied', null],
  ]);
  expect(vms.map((v) => [v.name, v.owner, v.notes, v.tags])).toEqual([
    ['web', 'ann', 'front', ['web']],
    ['db', 'bob', '', []],
    ['api', 'cy', '', []],
  ]);

  state.h2Fails = Infinity; // h2 is back
  const preview = await sheet.preview(file);
  expect(preview.vms.map((v) => [v.name, v.changes.map((c) => c.fact), v.outcome])).toEqual([['db', ['notes', 'tags'], 'planned']]);
  const second = await sheet.apply(file);
  expect(second.vms.map((v) => [v.name, v.outcome, v.error])).toEqual([['db', 'applied', null]]);
  expect(vms.find((v) => v.name === 'db')).toMatchObject({ owner: 'bob', notes: 'main db', tags: ['db'] });
  expect((await sheet.preview(file)).vms).toEqual([]);
});
