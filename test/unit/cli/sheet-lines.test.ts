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

  it('says when nothing changes', () => {
    expect(planLines({ format: 'xlsx', rows: 4, applied: false, ignoredColumns: [], vms: [], conflicts: [] })).toEqual(['nothing to change (4 rows)']);
  });
});
