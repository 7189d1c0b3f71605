import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSeedFile } from '../../../electron/core/cloudinit/seed-file.js';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { errorWords } from '../../../electron/cli/error-words.js';
import {
  buildInstanceSeed, renderSeed, SeedValidationError, sha512Crypt, validateInstanceSpec, validateNetworkConfig,
  validateSeedFiles, validateUserData, type InstanceSpec, type SeedIssue,
} from '../../../electron/core/cloudinit/index.js';
import { descriptor, readDirectory, readFile } from './iso-reader.js';
import { ECDSA, ED25519, RSA } from './keys.js';

const hash = sha512Crypt('Passw0rd', 'fixedsalt');
const spec: InstanceSpec = {
  instanceId: 'iid-web1-1',
  hostname: 'web1',
  fqdn: 'web1.lab.example',
  users: [{ name: 'tester', sshAuthorizedKeys: [ED25519, RSA], passwordHash: hash, sudo: true, groups: ['adm'] }],
  sshPwauth: true,
  packages: ['curl'],
  runcmd: ['echo hi', ['touch', '/var/lib/marker']],
  network: { mode: 'static', mac: '52:54:00:12:34:56', address: '10.0.0.5/24', gateway: '10.0.0.1', dns: ['10.0.0.1', '9.9.9.9'], search: ['lab.example'] },
};
const yaml11 = (s: string) => parse(s, { version: '1.1' }) as Record<string, unknown>;
/** Each error as `path: words`, worded by the CLI's table (the core itself reports codes). */
const errors = (issues: SeedIssue[]) => issues.filter((i) => i.severity === 'error').map((i) => `${i.path}: ${errorWords(i.problem)}`);
const specErrors = (patch: Partial<InstanceSpec>) => errors(validateInstanceSpec({ ...spec, ...patch }));
const staticNet = spec.network as Extract<InstanceSpec['network'], { mode: 'static' }>;

describe('rendering', () => {
  const seed = renderSeed(spec);

  it('user-data starts with #cloud-config and holds the form fields', () => {
    expect(seed.files.userData.split('\n')[0]).toBe('#cloud-config');
    expect(yaml11(seed.files.userData)).toEqual({
      hostname: 'web1',
      fqdn: 'web1.lab.example',
      prefer_fqdn_over_hostname: false,
      manage_etc_hosts: true,
      updates: { network: { when: ['boot-new-instance', 'boot'] } },
      users: [{
        name: 'tester', shell: '/bin/bash', groups: ['adm'], sudo: 'ALL=(ALL) NOPASSWD:ALL', lock_passwd: false, passwd: hash,
        ssh_authorized_keys: [ED25519, RSA],
      }],
      ssh_pwauth: true,
      packages: ['curl'],
      runcmd: ['echo hi', ['touch', '/var/lib/marker']],
    });
    expect(seed.notes).toEqual([]);
  });

  it('meta-data has the instance id and hostname', () => {
    expect(yaml11(seed.files.metaData)).toEqual({ 'instance-id': 'iid-web1-1', 'local-hostname': 'web1' });
    const generated = renderSeed({ ...spec, instanceId: undefined });
    expect(generated.instanceId).toMatch(/^iid-web1-[0-9a-f-]{36}$/);
    expect(generated.instanceId).not.toBe(renderSeed({ ...spec, instanceId: undefined }).instanceId);
  });

  it('network-config v2 matches the MAC and uses gateway4', () => {
    expect(yaml11(seed.files.networkConfig!)).toEqual({
      version: 2,
      ethernets: {
        nic0: {
          match: { macaddress: '52:54:00:12:34:56' },
          'set-name': 'eth0',
          addresses: ['10.0.0.5/24'],
          gateway4: '10.0.0.1',
          nameservers: { addresses: ['10.0.0.1', '9.9.9.9'], search: ['lab.example'] },
        },
      },
    });
    // PyYAML (YAML 1.1) would read an unquoted all-digit MAC as a base-60 integer
    expect(seed.files.networkConfig).toContain('macaddress: "52:54:00:12:34:56"');
    expect(seed.files.networkConfig).not.toContain('routes');
  });

  it('DHCP: matched by MAC when given, otherwise no network-config at all', () => {
    const withMac = renderSeed({ ...spec, network: { mode: 'dhcp', mac: '52:54:00:AA:BB:CC' } });
    expect(yaml11(withMac.files.networkConfig!)).toEqual({
      version: 2,
      ethernets: { nic0: { match: { macaddress: '52:54:00:aa:bb:cc' }, 'set-name': 'eth0', dhcp4: true } },
    });
    expect(renderSeed({ ...spec, network: { mode: 'dhcp' } }).files.networkConfig).toBeUndefined();
  });

  it('a user without a password hash gets a locked password', () => {
    const s = renderSeed({ ...spec, users: [{ name: 'dev', sshAuthorizedKeys: [ECDSA] }], sshPwauth: false });
    expect((yaml11(s.files.userData).users as unknown[])[0]).toEqual({ name: 'dev', shell: '/bin/bash', lock_passwd: true, ssh_authorized_keys: [ECDSA] });
  });

  it('buildInstanceSeed puts the three files into a cidata ISO', () => {
    const out = buildInstanceSeed(spec, new Date(Date.UTC(2025, 0, 1)));
    const d = descriptor(out.iso, 17);
    expect(d.volumeId).toBe('cidata');
    const entries = readDirectory(out.iso, d.rootSector, d.rootSize, true).slice(2);
    const content = Object.fromEntries(entries.map((e) => [e.name, Buffer.from(readFile(out.iso, e)).toString()]));
    expect(content).toEqual({ 'meta-data': out.files.metaData, 'network-config': out.files.networkConfig, 'user-data': out.files.userData });
  });
});

describe('extra user-data merge', () => {
  it('merges maps deeply, appends lists, and lets the form win on scalars with a note', () => {
    const extra = [
      '#cloud-config',
      'hostname: other',
      'ssh_pwauth: true',
      'runcmd:',
      '  - echo extra',
      'packages: [htop]',
      'write_files:',
      '  - path: /etc/motd',
      '    content: hello',
      'growpart: {mode: auto}',
      'users:',
      '  - name: ops',
      `    ssh_authorized_keys: ["${ECDSA}"]`,
    ].join('\n');
    const s = renderSeed({ ...spec, extraUserData: extra });
    const doc = yaml11(s.files.userData);
    expect(doc.hostname).toBe('web1');
    expect(doc.runcmd).toEqual(['echo hi', ['touch', '/var/lib/marker'], 'echo extra']);
    expect(doc.packages).toEqual(['curl', 'htop']);
    expect(doc.write_files).toEqual([{ path: '/etc/motd', content: 'hello' }]);
    expect(doc.growpart).toEqual({ mode: 'auto' });
    expect((doc.users as { name: string }[]).map((u) => u.name)).toEqual(['tester', 'ops']);
    // ssh_pwauth: true equals the form's value: no note
    expect(s.notes.map((n) => errorWords(n.problem))).toEqual(['extra user-data hostname: "other" ignored; the form sets "web1"']);
  });

  it('merges nested maps key by key', () => {
    const s = renderSeed({ ...spec, extraUserData: 'users: []\nchpasswd: {expire: false}\n' });
    expect(yaml11(s.files.userData).chpasswd).toEqual({ expire: false });
  });

  it('rejects a user that the form already defines', () => {
    expect(() => renderSeed({ ...spec, extraUserData: 'users:\n  - name: tester\n' })).toThrow(
      expect.objectContaining({ issues: [expect.objectContaining({ problem: { code: 'seed.user-twice', params: { name: 'tester' } } })] }),
    );
  });
});

describe('spec validation: precise messages', () => {
  it('accepts the valid spec', () => {
    expect(validateInstanceSpec(spec)).toEqual([]);
  });

  it('network: address, gateway, DNS, search, MAC', () => {
    const net = (patch: Partial<typeof staticNet>) => specErrors({ network: { ...staticNet, ...patch } });
    expect(net({ gateway: '10.0.1.1' })).toEqual(['network.gateway: 10.0.1.1 is outside 10.0.0.0/24']);
    expect(net({ gateway: '10.0.0.0' })).toEqual(['network.gateway: 10.0.0.0 is the network address of 10.0.0.0/24']);
    expect(net({ gateway: '10.0.0.255' })).toEqual(['network.gateway: 10.0.0.255 is the broadcast address of 10.0.0.0/24']);
    expect(net({ gateway: '10.0.0.5' })).toEqual(["network.gateway: 10.0.0.5 is the instance's own address"]);
    expect(net({ address: '10.0.0.5' })).toEqual(['network.address: "10.0.0.5" is not in CIDR form ADDRESS/PREFIX, e.g. 10.1.2.1/24']);
    expect(net({ address: '10.0.0.255/24' })).toEqual(['network.address: 10.0.0.255 is the broadcast address of 10.0.0.0/24']);
    expect(net({ address: '10.0.0.300/24' })).toEqual(['network.address: "10.0.0.300" is not an IPv4 address', ]);
    expect(net({ address: 'fd00::5/64' })).toEqual(['network.address: fd00::5/64: IPv6 is not supported (IPv4 only)']);
    expect(net({ dns: ['1.1.1'] })).toEqual(['network.dns[0]: "1.1.1" is not an IPv4 address']);
    expect(net({ search: ['-bad.example'] })).toEqual(['network.search[0]: "-bad.example" is not a domain name']);
    expect(net({ mac: '52:54:00:12:34' })).toEqual(['network.mac: "52:54:00:12:34" is not a MAC address like 52:54:00:12:34:56']);
    expect(net({ mac: '01:00:5e:00:00:01' })).toEqual(['network.mac: 01:00:5e:00:00:01 is a multicast address; a NIC needs a unicast MAC']);
  });

  it('hostname, fqdn, users, keys, hashes', () => {
    expect(specErrors({ hostname: 'web_1', fqdn: undefined })).toEqual([
      'hostname: "web_1" is not a valid host name (RFC 1123: 1-63 letters, digits or inner hyphens)',
    ]);
    expect(specErrors({ hostname: 'web1.lab', fqdn: undefined })).toEqual(['hostname: "web1.lab" must be a single label (put the domain in fqdn)']);
    expect(specErrors({ hostname: 'a'.repeat(64), fqdn: undefined })[0]).toContain('is not a valid host name');
    expect(specErrors({ fqdn: 'db1.lab.example' })).toEqual(['fqdn: db1.lab.example must begin with the hostname web1']);
    const user = spec.users[0]!;
    const users = (patch: Partial<typeof user>) => specErrors({ users: [{ ...user, ...patch }] });
    expect(users({ name: 'Tester' })).toEqual(['users[0].name: "Tester" is not a valid user name (lowercase letter or _, then up to 31 of a-z 0-9 _ -)']);
    expect(users({ passwordHash: 'Passw0rd' })).toEqual(['users[0].passwordHash: must be a SHA-512 crypt hash ($6$salt$...), e.g. from mkpasswd -m sha-512 (--password-hash)']);
    expect(users({ passwordHash: '$5$abc$' + 'x'.repeat(43) })[0]).toContain('must be a SHA-512 crypt hash');
    expect(users({ sshAuthorizedKeys: [ED25519, 'ssh-ed25519'] })).toEqual([
      'users[0].sshAuthorizedKeys[1]: not an SSH public key: expected "<type> <base64> [comment]" as in a .pub file',
    ]);
    expect(users({ sshAuthorizedKeys: [ED25519.replace('ssh-ed25519', 'ssh-rsa')] })).toEqual([
      'users[0].sshAuthorizedKeys[0]: the key data does not hold a ssh-rsa key (it says ssh-ed25519)',
    ]);
    expect(users({ sshAuthorizedKeys: ['ssh-ed25519 AAAA!!!! x'] })).toEqual(['users[0].sshAuthorizedKeys[0]: ssh-ed25519 key data is not base64']);
    expect(users({ sshAuthorizedKeys: ['ssh-dss AAAAB3NzaC1kc3M= x'] })[0]).toContain('ssh-dss (DSA) keys are refused');
    expect(users({ shell: 'bash' })).toEqual(['users[0].shell: "bash" must be an absolute path']);
    expect(specErrors({ users: [user, user] })).toEqual(['users[1].name: user tester is listed twice']);
  });

  it('extra user-data: YAML syntax with line and column, shape and types', () => {
    expect(specErrors({ extraUserData: 'runcmd:\n  - a\n\t- b\n' })[0]).toMatch(/^extraUserData:3:1: invalid YAML: /);
    expect(specErrors({ extraUserData: 'a: [1\nb: 2' })[0]).toMatch(/^extraUserData:2:1: invalid YAML: /);
    expect(specErrors({ extraUserData: '- a\n- b\n' })).toEqual(['extraUserData: must be a YAML map of cloud-config keys, not a list']);
    expect(specErrors({ extraUserData: 'runcmd: echo hi\n' })).toEqual([
      'extraUserData:1:9: runcmd: must be of type array',
    ]);
    expect(specErrors({ extraUserData: 'users:\n  - name: ops\n    passwd: secret\n' })).toEqual([
      'extraUserData:3:13: users.0.passwd: must be a SHA-512 crypt hash ($6$salt$...), e.g. from mkpasswd -m sha-512 (--password-hash)',
    ]);
    expect(specErrors({ extraUserData: 'ssh_pwauth: maybe\n' })[0]).toMatch(/^extraUserData:1:13: ssh_pwauth: /);
    const warnings = validateInstanceSpec({ ...spec, extraUserData: 'hostnme: x\n' }).filter((i) => i.severity === 'warning');
    expect(warnings).toEqual([{ severity: 'warning', path: 'extraUserData:1:10: hostnme', problem: { code: 'seed.unknown-key', params: {} } }]);
  });

  it('renderSeed throws SeedValidationError with every error and builds nothing', () => {
    try {
      buildInstanceSeed({ ...spec, hostname: 'bad_name', fqdn: undefined, network: { ...staticNet, gateway: '10.0.1.1' } });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(SeedValidationError);
      expect(errors((e as SeedValidationError).issues)).toHaveLength(2);
      expect(errors((e as SeedValidationError).issues)).toContain('network.gateway: 10.0.1.1 is outside 10.0.0.0/24');
    }
  });

  it('warns when nobody can log in', () => {
    const issues = validateInstanceSpec({ ...spec, users: [{ name: 'dev', sshAuthorizedKeys: [] }], sshPwauth: false });
    expect(issues).toEqual([{ severity: 'warning', path: 'users[0]', problem: { code: 'seed.no-login', params: { name: 'dev' } } }]);
  });
});

describe('file validation', () => {
  const nc = (body: string) => errors(validateNetworkConfig(`version: 2\nethernets:\n  nic0:\n    match: {macaddress: "52:54:00:12:34:56"}\n${body}`));

  it('catches routes to: default (cloud-init 22.4 + ENI) and 0.0.0.0/0', () => {
    expect(nc('    addresses: [10.0.0.5/24]\n    routes:\n      - to: default\n        via: 10.0.0.1\n')).toEqual([
      'network-config:7:13: ethernets.nic0.routes.0.to: "default" is rejected by cloud-init 22.4 with the ENI renderer (Debian 12): use gateway4',
    ]);
    expect(nc('    addresses: [10.0.0.5/24]\n    routes:\n      - {to: 0.0.0.0/0, via: 10.0.0.1}\n')[0]).toContain('use gateway4');
  });

  it('checks gateway4 against the addresses, and MAC, DNS, version', () => {
    expect(nc('    addresses: [10.0.0.5/24]\n    gateway4: 10.0.1.1\n')).toEqual([
      'network-config:6:15: ethernets.nic0.gateway4: 10.0.1.1 is outside 10.0.0.0/24',
    ]);
    expect(nc('    addresses: [10.0.0.5/24]\n    gateway4: 10.0.0.1\n    nameservers: {addresses: [x]}\n')).toEqual([
      'network-config:7:31: ethernets.nic0.nameservers.addresses.0: "x" is not an IPv4 address',
    ]);
    expect(nc('    dhcp4: yes\n')).toEqual([]); // YAML 1.1: yes is a boolean, as PyYAML reads it
    expect(errors(validateNetworkConfig('version: 1\nconfig: []\n'))).toEqual([
      'network-config:1:10: version: must be 2 (got 1); only network-config v2 is supported',
    ]);
    expect(errors(validateNetworkConfig('version: 2\nethernets:\n  e:\n    match: {macaddress: "zz"}\n    dhcp4: true\n'))).toEqual([
      'network-config:4:25: ethernets.e.match.macaddress: "zz" is not a MAC address like 52:54:00:12:34:56',
    ]);
  });

  it('user-data: header, syntax, empty', () => {
    expect(errors(validateUserData('hostname: x\n'))).toEqual(['user-data: must begin with "#cloud-config" on its first line']);
    expect(errors(validateUserData('#cloud-config\nusers: [\n'))[0]).toMatch(/^user-data:3:1: invalid YAML: /);
    expect(errors(validateUserData('#cloud-config\n'))).toEqual(['user-data: is empty']);
    expect(errors(validateUserData('#cloud-config\npassword: x\n'))).toEqual([
      'user-data:2:11: password: clear-text passwords are not allowed; give a user a SHA-512 crypt hash',
    ]);
  });

  it('meta-data needs an instance id', () => {
    const files = renderSeed(spec).files;
    expect(errors(validateSeedFiles({ ...files, metaData: 'local-hostname: web1\n' }))).toEqual([
      'meta-data: must set instance-id (a new one per instance)',
    ]);
  });
});

describe('seed files on local disk', () => {
  it('are written 0600 whatever the umask, and never over an existing file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vd-seedfile-'));
    const file = join(dir, 'seed.iso');
    const old = process.umask(0);
    try {
      writeSeedFile(file, new Uint8Array([1, 2, 3]));
    } finally {
      process.umask(old);
    }
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(() => writeSeedFile(file, new Uint8Array([4]))).toThrow(/EEXIST/);
    expect([...readFileSync(file)]).toEqual([1, 2, 3]);
  });
});
