import { describe, expect, it } from 'vitest';
import { auditTarget } from '../../../electron/core/audit/audit-target.js';

describe('what an audited call acted on', () => {
  it('a VM action: host and VM from its ref, the action as an argument', () => {
    expect(auditTarget('vms.action', { ref: { host: 'kvm1', vm: 'web' }, action: 'start' })).toEqual({
      host: 'kvm1',
      vm: 'web',
      object: null,
      args: { action: 'start' },
    });
  });

  it('a volume: pool/volume; a snapshot: its VM and name; a network: its name', () => {
    expect(auditTarget('volumes.resize', { host: 'h', pool: 'default', volume: 'a.qcow2', capacity: 5 })).toMatchObject({ host: 'h', vm: null, object: 'default/a.qcow2' });
    expect(auditTarget('snapshots.create', { ref: { host: 'h', vm: 'db' }, spec: { name: 's1', kind: 'internal' } })).toMatchObject({ host: 'h', vm: 'db', object: 's1' });
    expect(auditTarget('networks.delete', { host: 'h', name: 'lab' })).toMatchObject({ host: 'h', object: 'lab' });
    expect(auditTarget('grants.revoke', { id: 'abc123' })).toMatchObject({ host: null, object: 'abc123' });
  });

  it('host calls name the host by name or by its config', () => {
    expect(auditTarget('hosts.remove', { name: 'kvm2' })).toMatchObject({ host: 'kvm2', object: null });
    expect(auditTarget('hosts.add', { config: { name: 'kvm3', transport: 'ssh', uri: 'qemu:///system' } })).toMatchObject({ host: 'kvm3' });
    expect(auditTarget('xml.define', { target: { kind: 'domain', host: 'h', name: 'web' }, xml: '<domain/>' })).toMatchObject({ host: 'h', vm: 'web' });
  });

  it('never logs a secret, a key, user-data or a long text; nested scalars are kept by path', () => {
    const long = 'x'.repeat(500);
    const t = auditTarget('grants.create', {
      ref: { host: 'h', vm: 'v' },
      for: 'alice',
      passphrase: 'hunter2',
      until: '2026-12-02T12:00:00Z',
      spec: { userData: '#cloud-config', password: 'p', sshKey: 'ssh-ed25519 AAAA', note: long, cpus: 2 },
    });
    expect(t.args).toEqual({ for: 'alice', until: '2026-12-02T12:00:00Z', 'spec.cpus': 2 });
    expect(JSON.stringify(t)).not.toMatch(/hunter2|cloud-config|AAAA|xxxxx/);
  });
});
