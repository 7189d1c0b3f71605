import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  listHostAliases,
  matchHostPatterns,
  matchPattern,
  parseProxyJump,
  parseSshConfig,
  readIncludeFromDisk,
  resolveSshHost,
  type IncludeReader,
  type ResolveEnv,
} from '../../../electron/ssh/ssh-config.js';

const env: ResolveEnv = { home: '/home/ann', localUser: 'ann', localHost: 'laptop' };

describe('host patterns', () => {
  it('matches * and ? globs case-insensitively', () => {
    expect(matchPattern('kvm1.lab', 'kvm?.lab')).toBe(true);
    expect(matchPattern('kvm12.lab', 'kvm?.lab')).toBe(false);
    expect(matchPattern('KVM12.lab', 'kvm*')).toBe(true);
    expect(matchPattern('a.b.c', '*.c')).toBe(true);
    expect(matchPattern('abc', 'a*b*c*d')).toBe(false);
    expect(matchPattern('', '*')).toBe(true);
  });
  it('negation excludes even when another pattern matches', () => {
    expect(matchHostPatterns('kvm1', ['kvm*', '!kvm1'])).toBe(false);
    expect(matchHostPatterns('kvm2', ['kvm*', '!kvm1'])).toBe(true);
    expect(matchHostPatterns('kvm2', ['!kvm1'])).toBe(false); // a negation alone matches nothing
  });
});

describe('resolveSshHost', () => {
  const config = parseSshConfig(
    [
      '# comment',
      'Host kvm1',
      '  HostName 10.0.0.1',
      '  Port 2222',
      '  IdentityFile ~/.ssh/kvm_%h_%p_%r',
      'Host kvm* !kvm9',
      '  User admin',
      '  HostName wrong-because-first-wins',
      '  ProxyJump jump@bastion:2200,[fe80::1]:22,gw',
      'Host kvm9',
      '  HostName=%h.example.org',
      '  IdentitiesOnly yes',
      '  ProxyJump none',
      'Host *',
      '  User fallback',
      '  IdentityFile "/keys/with space"',
      '  HashKnownHosts yes',
    ].join('\n'),
    { home: env.home },
  );

  it('first value wins and IdentityFile accumulates with tokens and ~ expanded', () => {
    const r = resolveSshHost(config, 'kvm1', env);
    expect(r.hostName).toBe('10.0.0.1');
    expect(r.port).toBe(2222);
    expect(r.user).toBe('admin');
    expect(r.identityFiles).toEqual(['/home/ann/.ssh/kvm_10.0.0.1_2222_admin', '/keys/with space']);
    expect(r.identityFilesConfigured).toBe(true);
    expect(r.proxyJump).toEqual([{ host: 'bastion', user: 'jump', port: 2200 }, { host: 'fe80::1', port: 22 }, { host: 'gw' }]);
    expect(r.hashKnownHosts).toBe(true);
  });

  it('negated alias skips the kvm* block; %h in HostName; ProxyJump none', () => {
    const r = resolveSshHost(config, 'kvm9', env);
    expect(r.hostName).toBe('kvm9.example.org');
    expect(r.user).toBe('fallback');
    expect(r.identitiesOnly).toBe(true);
    expect(r.proxyJump).toEqual([]);
    expect(r.port).toBe(22);
  });

  it('explicit user/port win; unknown hosts get defaults', () => {
    const r = resolveSshHost(parseSshConfig(''), 'plain', { ...env, user: 'root', port: 2201 });
    expect(r).toMatchObject({ hostName: 'plain', user: 'root', port: 2201, identitiesOnly: false, proxyJump: [] });
    expect(r.identityFiles).toEqual(['/home/ann/.ssh/id_rsa', '/home/ann/.ssh/id_ecdsa', '/home/ann/.ssh/id_ed25519']);
    expect(r.identityFilesConfigured).toBe(false);
    expect(r.userKnownHostsFiles).toEqual(['/home/ann/.ssh/known_hosts']);
    expect(resolveSshHost(parseSshConfig(''), 'plain', env).user).toBe('ann');
  });

  it('lists only concrete aliases', () => {
    expect(listHostAliases(config)).toEqual(['kvm1', 'kvm9']);
  });
});

describe('settings VirtDeck does not apply are reported, not dropped silently', () => {
  const config = parseSshConfig(
    [
      'Host proxied',
      '  ProxyCommand ssh -W %h:%p gw',
      'Host aliased',
      '  HostKeyAlias other-name',
      '  StrictHostKeyChecking no',
      'Host harmless',
      '  ProxyCommand none',
      '  StrictHostKeyChecking ask',
      'Host *',
      '  ProxyCommand nc %h %p',
    ].join('\n'),
    { file: '/home/ann/.ssh/config', home: env.home },
  );
  const ignored = (alias: string) => resolveSshHost(config, alias, env).ignored;

  it('names the setting in effect with its file and line (first value wins, as OpenSSH reads it)', () => {
    expect(ignored('proxied')).toEqual([{ setting: 'ProxyCommand', file: '/home/ann/.ssh/config', line: 2 }]);
    expect(ignored('aliased')).toEqual([
      { setting: 'StrictHostKeyChecking', file: '/home/ann/.ssh/config', line: 5 },
      { setting: 'ProxyCommand', file: '/home/ann/.ssh/config', line: 10 },
    ]);
  });

  it('HostKeyAlias is applied, not reported', () => {
    expect(resolveSshHost(config, 'aliased', env).hostKeyAlias).toBe('other-name');
    expect(resolveSshHost(config, 'proxied', env).hostKeyAlias).toBeUndefined();
  });

  it('values that change nothing for VirtDeck (ProxyCommand none, StrictHostKeyChecking ask) are not reported', () => {
    expect(ignored('harmless')).toEqual([]);
  });
});

describe('Include', () => {
  it('reads relative to ~/.ssh, globs, and scopes included lines under the including Host block', () => {
    const files: Record<string, string> = {
      '/home/ann/.ssh/conf.d/a.conf': 'Host inc1\n  HostName 1.1.1.1\n',
      '/home/ann/.ssh/conf.d/b.conf': 'Host inc2\n  HostName 2.2.2.2\n',
      '/home/ann/.ssh/scoped': 'User scoped-user\n',
    };
    const reader: IncludeReader = (pattern) =>
      Object.keys(files)
        .filter((p) => (pattern.endsWith('*.conf') ? p.startsWith(pattern.replace('*.conf', '')) : p === pattern))
        .map((path) => ({ path, text: files[path]! }));
    const config = parseSshConfig(
      'Include conf.d/*.conf\nHost only-this\n  Include scoped\nHost inc1\n  HostName overridden\n',
      { home: '/home/ann', readInclude: reader },
    );
    expect(resolveSshHost(config, 'inc1', env).hostName).toBe('1.1.1.1');
    expect(resolveSshHost(config, 'inc2', env).hostName).toBe('2.2.2.2');
    expect(resolveSshHost(config, 'only-this', env).user).toBe('scoped-user');
    expect(resolveSshHost(config, 'other', env).user).toBe('ann');
    expect(listHostAliases(config)).toEqual(['inc1', 'inc2', 'only-this']);
  });

  it('readIncludeFromDisk expands a glob in the file name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vd-sshcfg-'));
    mkdirSync(join(dir, 'd'));
    writeFileSync(join(dir, 'd', 'x.conf'), 'Host x\n');
    writeFileSync(join(dir, 'd', 'y.txt'), 'Host y\n');
    expect(readIncludeFromDisk(join(dir, 'd', '*.conf')).map((f) => f.text)).toEqual(['Host x\n']);
    expect(readIncludeFromDisk(join(dir, 'd', 'missing'))).toEqual([]);
  });
});

describe('parseProxyJump', () => {
  it('parses none and user@host:port lists', () => {
    expect(parseProxyJump('none')).toEqual([]);
    expect(parseProxyJump('a@b:1,c')).toEqual([{ host: 'b', user: 'a', port: 1 }, { host: 'c' }]);
  });
});
