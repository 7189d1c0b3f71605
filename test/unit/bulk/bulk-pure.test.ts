// The pure parts of bulk actions: the shared filter as the core reads it, why a VM is skipped, the CLI's words.
import { describe, expect, it } from 'vitest';
import { bulkResult, runnableVms, withSkipped } from '../../../shared/model/bulk.js';
import { report } from '../../../shared/model/errors.js';
import { filterVms, ID_WORDS, parseTerms } from '../../../shared/model/vm-filter.js';
import type { VmInfo } from '../../../shared/model/vm.js';
import { skipReason } from '../../../electron/core/bulk/bulk-service.js';
import { bulkSpecOf, previewLine } from '../../../electron/cli/commands/bulk.js';
import type { ParsedArgs } from '../../../electron/cli/table/types.js';

const vm = (over: Partial<VmInfo>): VmInfo => ({
  host: 'h1', name: 'web1', uuid: '11111111-2222-3333-4444-555555555555', state: 'running', vcpus: 1, memoryMiB: 512,
  autostart: false, persistent: true, locked: false, disks: [], nics: [], ips: [], tags: [], owner: null, notes: '',
  fields: {}, firstSeen: '2026-01-01T00:00:00Z', lastSeen: '2026-01-02T00:00:00Z', stale: false, ...over,
});

const VMS = [
  vm({ name: 'web1', tags: ['web', 'prod'], ips: ['10.0.0.5'] }),
  vm({ host: 'h2', name: 'web2', tags: ['web'], state: 'shutoff' }),
  vm({ host: 'h2', name: 'db1', tags: ['db'], state: 'paused' }),
];
const names = (text: string): string[] => filterVms(VMS, text).map((v) => v.name);

describe('the shared filter (ids, as the core and the CLI read it)', () => {
  it('matches every term, a field keyword restricting its term', () => {
    expect(names('tag:web')).toEqual(['web1', 'web2']);
    expect(names('tag:web host:h2')).toEqual(['web2']);
    expect(names('state:shut')).toEqual(['web2']);
    expect(names('ip:10.0.0')).toEqual(['web1']);
    expect(names('')).toEqual(['web1', 'web2', 'db1']);
    expect(names('name:db tag:web')).toEqual([]);
  });
  it('knows the ids only: a UI-language keyword is an ordinary word', () => {
    expect(parseTerms('状态:运行中', ID_WORDS)).toEqual([{ field: 'any', value: '状态:运行中', states: [] }]);
    expect(ID_WORDS.statesNamed('p')).toEqual(['paused', 'pmsuspended']);
  });
});

describe('skipReason', () => {
  it('skips a locked VM for destructive actions only, with vm.locked', () => {
    const locked = vm({ locked: true });
    expect(skipReason(locked, { action: 'destroy' })).toEqual({ code: 'vm.locked', params: { host: 'h1', vm: 'web1' } });
    expect(skipReason(locked, { action: 'shutdown' })?.code).toBe('vm.locked');
    expect(skipReason(locked, { action: 'snapshot', name: 's' })).toBeNull();
    expect(skipReason(locked, { action: 'tag', add: ['x'], remove: [] })).toBeNull();
  });
  it('skips a VM whose state does not take the action, and one of an offline host', () => {
    expect(skipReason(vm({}), { action: 'start' })?.code).toBe('vm.not-off');
    expect(skipReason(vm({ state: 'shutoff' }), { action: 'destroy' })?.code).toBe('vm.not-running');
    expect(skipReason(vm({ state: 'shutoff' }), { action: 'start' })).toBeNull();
    expect(skipReason(vm({ stale: true }), { action: 'lock' })).toEqual({ code: 'host.offline', params: { host: 'h1', since: '2026-01-02T00:00:00Z' } });
  });
});

const argsOf = (command: string, positionals: string[], flags: Record<string, string | true> = {}): ParsedArgs => ({
  command,
  positionals,
  rest: [],
  has: (f) => f in flags,
  get: (f) => (typeof flags[f] === 'string' ? (flags[f] as string) : undefined),
  all: (f) => (typeof flags[f] === 'string' ? [flags[f] as string] : []),
});

describe('virtdeck bulk words', () => {
  it('makes the spec from the words', () => {
    expect(bulkSpecOf(argsOf('tag', ['+web', 'prod', '-old']))).toEqual({ action: 'tag', add: ['web', 'prod'], remove: ['old'] });
    expect(bulkSpecOf(argsOf('snapshot', ['s1'], { description: 'before' }))).toEqual({ action: 'snapshot', name: 's1', description: 'before' });
    expect(bulkSpecOf(argsOf('owner', [], { clear: true }))).toEqual({ action: 'owner', owner: null });
    expect(bulkSpecOf(argsOf('destroy', []))).toEqual({ action: 'destroy' });
    expect(() => bulkSpecOf(argsOf('owner', []))).toThrow('give NAME or --clear');
    expect(() => bulkSpecOf(argsOf('owner', ['bob'], { clear: true }))).toThrow('give NAME or --clear');
  });
  it('says how many VMs on how many hosts', () => {
    const t = (host: string, skip: boolean) => ({ host, uuid: host, name: host, state: 'running' as const, locked: false, skip: skip ? report('vm.locked', { host, vm: host }) : null });
    expect(previewLine({ targets: [t('a', false), t('b', false), t('b', true)], hosts: ['a', 'b'], runnable: 2 })).toBe('these 2 VMs on 2 hosts (1 skipped)');
    expect(previewLine({ targets: [t('a', false)], hosts: ['a'], runnable: 1 })).toBe('this 1 VM on 1 host');
  });
  it('runs the VMs without a skip; the result tells the skipped ones first', () => {
    const t = (host: string, skip: boolean) => ({ host, uuid: `u-${host}`, name: host, state: 'running' as const, locked: skip, skip: skip ? report('vm.locked', { host, vm: host }) : null });
    const p = { targets: [t('a', false), t('b', true)], hosts: ['a'], runnable: 1 };
    expect(runnableVms(p)).toEqual([{ host: 'a', uuid: 'u-a' }]);
    const ran = bulkResult([{ host: 'a', uuid: 'u-a', name: 'a', outcome: 'done', error: null }]);
    expect(withSkipped(p, ran)).toEqual({
      outcomes: [{ host: 'b', uuid: 'u-b', name: 'b', outcome: 'skipped', error: report('vm.locked', { host: 'b', vm: 'b' }) }, ran.outcomes[0]],
      done: 1,
      skipped: 1,
      failed: 0,
    });
    expect(withSkipped(p, null)).toMatchObject({ done: 0, skipped: 1 });
  });
  it('counts outcomes', () => {
    const o = (outcome: 'done' | 'skipped' | 'failed') => ({ host: 'h', uuid: 'u', name: 'n', outcome, error: null });
    expect(bulkResult([o('done'), o('failed'), o('done'), o('skipped')])).toMatchObject({ done: 2, skipped: 1, failed: 1 });
  });
});
