// Validation before anything is created: the spec from the form/CLI, and the three seed files as
// text (so a hand-edited or generated file is checked the same way before an ISO is written).
import { report, type ErrorReport } from '../../../shared/model/errors.js';
import { isDomainName } from '../ipam/index.js';
import { formatCidr, formatIpv4, hostAddressProblem, parseCidr, parseIpv4 } from '../net/ipv4.js';
import { fqdnProblem, hostnameProblem, macProblem, passwordHashProblem, sshPublicKeyProblem, userNameProblem } from './fields.js';
import { validateNetworkConfig } from './network-config.js';
import type { InstanceSpec, NetworkSpec, SeedFiles, SeedIssue } from './types.js';
import { checkCloudConfig, validateUserData } from './user-data.js';
import { isPlainObject, parseYaml } from './yaml-doc.js';

export function hasErrors(issues: readonly SeedIssue[]): boolean {
  return issues.some((i) => i.severity === 'error');
}

/** Every problem with the spec, each naming its field. */
export function validateInstanceSpec(spec: InstanceSpec): SeedIssue[] {
  const issues: SeedIssue[] = [];
  const error = (path: string, problem: ErrorReport) => issues.push({ severity: 'error', path, problem });

  if (spec.instanceId !== undefined && !/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/.test(spec.instanceId)) {
    error('instanceId', report('seed.instance-id', { value: spec.instanceId }));
  }
  const host = hostnameProblem(spec.hostname);
  if (host) error('hostname', host);
  if (spec.fqdn !== undefined) {
    const p = fqdnProblem(spec.fqdn, spec.hostname);
    if (p) error('fqdn', p);
  }

  const names = new Set<string>();
  spec.users.forEach((u, i) => {
    const at = `users[${i}]`;
    const p = userNameProblem(u.name);
    if (p) error(`${at}.name`, p);
    if (names.has(u.name)) error(`${at}.name`, report('seed.user-twice', { name: u.name }));
    names.add(u.name);
    u.sshAuthorizedKeys.forEach((k, j) => {
      const problem = sshPublicKeyProblem(k);
      if (problem) error(`${at}.sshAuthorizedKeys[${j}]`, problem);
    });
    if (u.passwordHash !== undefined) {
      const problem = passwordHashProblem(u.passwordHash);
      if (problem) error(`${at}.passwordHash`, problem);
    }
    if (u.shell !== undefined && !/^\/[^\s:]+$/.test(u.shell)) error(`${at}.shell`, report('seed.shell', { value: u.shell }));
    if (typeof u.sudo === 'string' && (u.sudo.trim() === '' || u.sudo.includes('\n'))) error(`${at}.sudo`, report('seed.sudo-rule', {}));
    u.groups?.forEach((g, j) => {
      if (!/^[a-z_][a-z0-9_-]{0,31}$/.test(g)) error(`${at}.groups[${j}]`, report('seed.group', { value: g }));
    });
    if (!u.sshAuthorizedKeys.length && !u.passwordHash) {
      issues.push({ severity: 'warning', path: at, problem: report('seed.no-login', { name: u.name }) });
    }
  });
  if (spec.sshPwauth && !spec.users.some((u) => u.passwordHash)) {
    issues.push({ severity: 'warning', path: 'sshPwauth', problem: report('seed.pwauth-unused', {}) });
  }

  spec.packages.forEach((p, i) => {
    if (!/^[a-z0-9][a-z0-9+.:=~_-]*$/i.test(p)) error(`packages[${i}]`, report('seed.package', { value: p }));
  });
  spec.runcmd.forEach((c, i) => {
    const empty = Array.isArray(c) ? c.length === 0 || c[0]!.trim() === '' : c.trim() === '';
    if (empty) error(`runcmd[${i}]`, report('seed.empty', {}));
  });

  issues.push(...validateNetworkSpec(spec.network));

  if (spec.extraUserData !== undefined && spec.extraUserData.trim() !== '') {
    issues.push(...checkCloudConfig(parseYaml(spec.extraUserData, 'extraUserData'), 'extraUserData', { allowEmpty: true }));
  }
  return issues;
}

function validateNetworkSpec(net: NetworkSpec): SeedIssue[] {
  const issues: SeedIssue[] = [];
  const error = (path: string, problem: ErrorReport) => issues.push({ severity: 'error', path: `network.${path}`, problem });
  if (net.mac !== undefined) {
    const p = macProblem(net.mac);
    if (p) error('mac', p);
  }
  if (net.mode === 'dhcp') return issues;

  const c = parseCidr(net.address);
  if (!c.ok) error('address', c.error);
  else {
    const p = hostAddressProblem(c.value, c.value.address);
    if (p) error('address', p);
  }
  const gw = parseIpv4(net.gateway);
  if (!gw.ok) error('gateway', gw.error);
  else if (c.ok) {
    const p = hostAddressProblem(c.value, gw.value);
    if (p) error('gateway', p);
    else if (gw.value === c.value.address) error('gateway', report('seed.own-address', { value: formatIpv4(gw.value) }));
  }
  net.dns.forEach((d, i) => {
    const ip = parseIpv4(d);
    if (!ip.ok) error(`dns[${i}]`, ip.error);
    else if (c.ok && ip.value === c.value.address) error(`dns[${i}]`, report('seed.own-address', { value: d }));
  });
  net.search.forEach((s, i) => {
    if (!isDomainName(s)) error(`search[${i}]`, report('value.not-domain', { value: s }));
  });
  if (c.ok && c.value.prefix === 32) {
    issues.push({ severity: 'warning', path: 'network.address', problem: report('seed.no-gateway-room', { cidr: formatCidr(c.value) }) });
  }
  return issues;
}

/** Check the three files as cloud-init will read them. */
export function validateSeedFiles(files: SeedFiles): SeedIssue[] {
  const issues = [...validateUserData(files.userData), ...validateMetaData(files.metaData)];
  if (files.networkConfig !== undefined) issues.push(...validateNetworkConfig(files.networkConfig));
  return issues;
}

function validateMetaData(text: string): SeedIssue[] {
  const parsed = parseYaml(text, 'meta-data');
  if (hasErrors(parsed.issues)) return parsed.issues;
  const v = parsed.value;
  if (!isPlainObject(v) || typeof v['instance-id'] !== 'string' || v['instance-id'] === '') {
    return [...parsed.issues, { severity: 'error', path: 'meta-data', problem: report('seed.no-instance-id', {}) }];
  }
  const host = v['local-hostname'];
  if (host !== undefined) {
    const p = typeof host === 'string' ? hostnameProblem(host) : report('seed.type', { expected: 'string' });
    if (p) return [...parsed.issues, { severity: 'error', path: 'meta-data: local-hostname', problem: p }];
  }
  return parsed.issues;
}
