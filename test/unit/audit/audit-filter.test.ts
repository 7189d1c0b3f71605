import { describe, expect, it } from 'vitest';
import { auditFilterOf, EMPTY_AUDIT_FORM } from '../../../renderer/features/audit/audit-filter.js';
import { auditTargetLabel } from '../../../shared/model/audit.js';

describe('the Audit view’s filter form', () => {
  it('empty fields are no filter; the "to" date includes its whole day', () => {
    expect(auditFilterOf(EMPTY_AUDIT_FORM)).toEqual({});
    expect(auditFilterOf({ host: 'h1', vm: ' web ', since: '2026-12-01', until: '2026-12-31', result: 'error', text: ' start ' })).toEqual({
      host: 'h1',
      vm: 'web',
      since: '2026-12-01',
      until: '2027-01-01',
      result: 'error',
      text: 'start',
    });
    expect(auditFilterOf({ ...EMPTY_AUDIT_FORM, since: '2026-1' })).toEqual({});
  });
  it('a target reads host/VM, host/object, or what there is', () => {
    expect(auditTargetLabel({ host: 'h1', vm: 'web', object: null })).toBe('h1/web');
    expect(auditTargetLabel({ host: 'h1', vm: null, object: 'default/a.qcow2' })).toBe('h1/default/a.qcow2');
    expect(auditTargetLabel({ host: null, vm: null, object: 'tiny' })).toBe('tiny');
    expect(auditTargetLabel({ host: 'h1', vm: null, object: null })).toBe('h1');
  });
});
