import { describe, expect, it } from 'vitest';
import { csvField, entryLine, matches, mergeEntries, parseLines, toCsv } from '../../../electron/core/audit/audit-entries.js';
import type { AuditEntry } from '../../../shared/model/audit.js';

const entry = (over: Partial<AuditEntry>): AuditEntry => ({
  id: 'id',
  at: '2026-12-01T10:00:00.000Z',
  endedAt: '2026-12-01T10:00:01.000Z',
  user: 'ann@laptop',
  action: 'vms.action',
  host: 'kvm1',
  vm: 'web',
  object: null,
  result: 'ok',
  code: null,
  taskId: null,
  args: { action: 'start' },
  ...over,
});

describe('audit filters', () => {
  const e = entry({ result: 'error', code: 'vm.locked' });
  it('each field narrows; a date alone is its UTC start', () => {
    expect(matches(e, {})).toBe(true);
    expect(matches(e, { host: 'kvm1', vm: 'web', result: 'error' })).toBe(true);
    expect(matches(e, { host: 'kvm2' })).toBe(false);
    expect(matches(e, { since: '2026-12-01' })).toBe(true);
    expect(matches(e, { since: '2026-12-02' })).toBe(false);
    expect(matches(e, { until: '2026-12-01T10:00:00.000Z' })).toBe(false);
    expect(matches(e, { until: '2026-12-02' })).toBe(true);
  });
  it('text matches action, target, user, code and arguments, any case', () => {
    for (const text of ['VMS.ACTION', 'web', 'ann@', 'locked', 'action=start']) expect(matches(e, { text })).toBe(true);
    expect(matches(e, { text: 'stop' })).toBe(false);
  });
});

describe('merging the local log with hosts’ files', () => {
  it('one entry per id (an ended copy beats a running one), newest first, limited', () => {
    const local = [entry({ id: 'a', result: 'running', endedAt: null }), entry({ id: 'b', at: '2026-12-01T11:00:00.000Z' })];
    const host = [entry({ id: 'a' }), entry({ id: 'c', at: '2026-12-01T09:00:00.000Z', user: 'bob@desk' })];
    const merged = mergeEntries([local, host], {});
    expect(merged.map((x) => [x.id, x.result])).toEqual([['b', 'ok'], ['a', 'ok'], ['c', 'ok']]);
    expect(mergeEntries([host, local], { limit: 1 }).map((x) => x.id)).toEqual(['b']);
    expect(mergeEntries([local, host], { text: 'bob' }).map((x) => x.id)).toEqual(['c']);
  });

  it('a host file round-trips; torn and foreign lines are skipped', () => {
    const a = entry({ id: 'a' });
    const text = `{"id":"torn","at":\n${entryLine(a)}not json\n{"hello":1}\n`;
    expect(parseLines(text)).toEqual([a]);
  });
});

describe('CSV export', () => {
  it('quotes what needs it and defuses formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
  });
  it('a header and one row per entry', () => {
    const csv = toCsv([entry({ id: 'a', result: 'error', code: 'vm.locked', args: { action: 'start', force: true } })]);
    expect(csv.split('\r\n')).toEqual([
      'at,endedAt,user,action,host,vm,object,result,code,taskId,args,id',
      '2026-12-01T10:00:00.000Z,2026-12-01T10:00:01.000Z,ann@laptop,vms.action,kvm1,web,,error,vm.locked,,action=start force=true,a',
      '',
    ]);
  });
});
