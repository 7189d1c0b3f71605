// The add-host wizard's first step, checked through the door: the address as typed (split by the wizard), the
// contract's schema and the core's checks put each problem on its input — before any connection is tried.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ApiHandlers } from '../../../electron/core/calls.js';
import { dispatchCall } from '../../../electron/core/dispatch.js';
import { checkHostConfig } from '../../../electron/core/hosts/host-check.js';
import { byInput, relativeIssues } from '../../../renderer/app/field-issues.js';
import { hostInputOf } from '../../../renderer/features/hosts/host-inputs.js';
import { splitSshAddress } from '../../../renderer/features/hosts/ssh-address.js';
import type { ErrorReport } from '../../../shared/model/errors.js';

const TAKEN = ['h1'];
const target = {
  handlers: { 'hosts.check': ({ config, editing }) => checkHostConfig(config, config.name !== editing && TAKEN.includes(config.name)) } as Partial<ApiHandlers> as ApiHandlers,
  tasks: { start: () => { throw new Error('no task here'); } },
};

const dir = mkdtempSync(path.join(tmpdir(), 'vd-host-check-'));
const publicKey = path.join(dir, 'id_ed25519.pub');
writeFileSync(publicKey, 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHxtest test@x\n');

/** Each input with the codes of its problems, as the wizard places them. */
async function placed(address: string, more: { name?: string; identityFile?: string; uri?: string; editing?: string } = {}) {
  const ssh = { ...(splitSshAddress(address) ?? { host: '' }), ...(more.identityFile ? { identityFile: more.identityFile } : {}) };
  const input = { config: { name: more.name ?? ssh.host, transport: 'ssh', ssh, uri: more.uri ?? 'qemu:///system' }, ...(more.editing ? { editing: more.editing } : {}) };
  const r = await dispatchCall(target, 'hosts.check', JSON.parse(JSON.stringify(input)));
  const issues: ErrorReport[] = r.ok ? (r.value as ErrorReport[]) : ((r.params['issues'] as ErrorReport[] | undefined) ?? [{ code: r.code, params: r.params }]);
  const { on, elsewhere } = byInput(relativeIssues(issues, 'config.'), hostInputOf);
  return { ...Object.fromEntries(Object.entries(on).map(([i, list]) => [i, list?.map((e) => e.code)])), ...(elsewhere.length ? { elsewhere } : {}) };
}

describe('hosts.check on the wizard inputs', () => {
  it('a good address has no problem', async () => {
    expect(await placed('root@127.0.0.1:2201', { name: 'kvm1' })).toEqual({});
  });
  it.each<[string, string, Record<string, string[]>]>([
    ['a host with a space', 'root@a b', { address: ['value.not-hostname'] }],
    ['a user with an "@"', 'a@b@kvm1', { address: ['ssh.bad-user'] }],
    ['a user starting with a digit', '1x@kvm1', { address: ['ssh.bad-user'] }],
    ['a port out of range', 'kvm1:70000', { address: ['ssh.bad-port'] }],
    ['port 0', 'kvm1:0', { address: ['ssh.bad-port'] }],
    ['a port that is no number', 'kvm1:22:33', { address: ['ssh.bad-port'] }],
    ['an empty user', '@kvm1', { address: ['ssh.bad-user'] }],
    ['no host', 'root@', { address: ['field.required'] }],
  ])('%s → on the address', async (_what, address, want) => {
    expect(await placed(address, { name: 'kvm1' })).toEqual(want);
  });
  it('every problem at once: a bad port does not hide a taken name or a missing key', async () => {
    expect(await placed('root@kvm1:70000', { name: 'h1', identityFile: path.join(dir, 'nope') })).toEqual({
      address: ['ssh.bad-port'], name: ['host.exists'], identity: ['ssh.key-missing'],
    });
  });
  it('a name another host has, on the name (not when editing that host)', async () => {
    expect(await placed('kvm1', { name: 'h1' })).toEqual({ name: ['host.exists'] });
    expect(await placed('kvm1', { name: 'h1', editing: 'h1' })).toEqual({});
  });
  it('an identity file that is absent or public, on the identity', async () => {
    expect(await placed('kvm1', { identityFile: path.join(dir, 'nope') })).toEqual({ identity: ['ssh.key-missing'] });
    expect(await placed('kvm1', { identityFile: publicKey })).toEqual({ identity: ['ssh.key-not-private'] });
  });
  it('a URI that is no libvirt URI, on the URI', async () => {
    expect(await placed('kvm1', { uri: 'system' })).toEqual({ uri: ['host.bad-uri'] });
  });
});
