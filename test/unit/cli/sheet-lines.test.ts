// The CLI's import preview: per VM each fact old → new (line breaks shown as \n, empty as "(empty)") and the
// addresses to reserve, the ignored columns, then the conflicts worded with their row and column.
import { describe, expect, it } from 'vitest';
import { planLines } from '../../../electron/cli/commands/sheet.js';
import { report } from '../../../shared/model/errors.js';

describe('import preview lines', () => {
  it('words changes, reservations, ignored columns and conflicts', () => {
    const lines = planLines({
      format: 'csv',
      rows: 3,
      applied: false,
      ignoredColumns: ['rack'],
      vms: [{
        row: 2, host: 'h1', name: 'web', uuid: 'u',
        changes: [{ fact: 'owner', old: '', new: 'bob' }, { fact: 'notes', old: 'a\nb', new: '' }, { fact: 'field', column: 'tier', old: 'gold', new: 'silver' }],
        reserve: [{ network: 'lan', ip: '10.0.0.5' }],
        outcome: 'planned',
        error: null,
      }],
      conflicts: [{ row: 3, host: 'h1', name: 'db', error: report('ipam.in-use', { ip: '10.0.0.5', holders: ['h1/web'] }, 'ips') }],
    });
    expect(lines).toEqual([
      'h1/web (row 2)',
      '  owner: (empty) → bob',
      '  notes: a\\nb → (empty)',
      '  tier: gold → silver',
      '  reserve 10.0.0.5 in h1/lan',
      'ignored columns: rack',
      '1 conflict(s):',
      '  row 3 h1/db: ips: 10.0.0.5 is in use by h1/web',
    ]);
  });

  it('after an apply, marks a failed VM and words its error', () => {
    const lines = planLines({
      format: 'csv',
      rows: 2,
      applied: true,
      ignoredColumns: [],
      vms: [
        { row: 2, host: 'h1', name: 'web', uuid: 'u1', changes: [{ fact: 'owner', old: '', new: 'ann' }], reserve: [], outcome: 'applied', error: null },
        {
          row: 3, host: 'h2', name: 'db', uuid: 'u2', changes: [{ fact: 'owner', old: '', new: 'bob' }], reserve: [], outcome: 'failed',
          error: report('vm.facts-offline', { host: 'h2', vm: 'db' }),
        },
      ],
      conflicts: [],
    });
    expect(lines).toEqual([
      'h1/web (row 2)', '  owner: (empty) → ann', 'h2/db (row 3) FAILED', '  owner: (empty) → bob',
      '  failed: the facts of VM "db" are kept on host h2, which is offline: they can be changed once it is back',
    ]);
  });

  it('says when nothing changes', () => {
    expect(planLines({ format: 'xlsx', rows: 4, applied: false, ignoredColumns: [], vms: [], conflicts: [] })).toEqual(['nothing to change (4 rows)']);
  });
});
