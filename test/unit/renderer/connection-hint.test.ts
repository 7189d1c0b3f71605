// A hint per cause when a host cannot be reached, in both languages.
import { describe, expect, it } from 'vitest';
import { report } from '../../../shared/model/errors.js';
import { translate } from '../../../renderer/app/i18n/index.js';
import { connectionCause, withHint } from '../../../renderer/features/hosts/connection-hint.js';

const unreachable = (reason: string) => report('ssh.unreachable', { target: 'root@kvm1:22', reason });

describe('connectionCause', () => {
  it.each([
    ['ECONNREFUSED', 'refused'],
    ['ETIMEDOUT', 'timeout'],
    ['no SSH handshake within 20000 ms', 'timeout'],
    ['EHOSTUNREACH', 'timeout'],
    ['ENOTFOUND', 'dns'],
    ['via bastion: getaddrinfo EAI_AGAIN kvm1', 'dns'],
  ])('%s → %s', (reason, cause) => expect(connectionCause(unreachable(reason))).toBe(cause));

  it('knows refused keys and host keys by their codes, and looks into nested causes', () => {
    expect(connectionCause(report('ssh.auth', { target: 'root@kvm1:22', tried: ['publickey'], detail: '' }))).toBe('auth');
    expect(connectionCause(report('ssh.host-key-changed', { target: 't', keyType: 'ssh-ed25519', fingerprint: 'SHA256:x', file: 'f', line: 3 }))).toBe('host-key');
    expect(connectionCause(report('host.libvirt-unreachable', { host: 'h1', reason: 'ECONNREFUSED' }))).toBe('refused');
    expect(connectionCause(unreachable('connection closed during handshake'))).toBeNull();
  });
});

describe('withHint', () => {
  it('adds what to check, in the UI language', () => {
    expect(withHint((k, v) => translate('en', k, v), unreachable('ECONNREFUSED'))).toBe(
      'Cannot reach root@kvm1:22: ECONNREFUSED — Nothing answers on that port: is sshd running on the host, and is the port right?',
    );
    expect(withHint((k, v) => translate('zh-CN', k, v), unreachable('ENOTFOUND'))).toContain('名称无法解析');
  });
});
