// user-data: built from the form, merged with the raw extra YAML, and checked as text.
import { report, type ErrorReport } from '../../../shared/model/errors.js';
import { fqdnProblem, hostnameProblem, passwordHashProblem, sshPublicKeyProblem, userNameProblem } from './fields.js';
import { mergeUserData } from './merge.js';
import type { InstanceSpec, SeedIssue, UserSpec } from './types.js';
import { KNOWN_USER_DATA_KEYS, userDataSchema } from './user-data-schema.js';
import { emitYaml, isPlainObject, parseYaml, type ParsedYaml } from './yaml-doc.js';

export const CLOUD_CONFIG_HEADER = '#cloud-config';
const NOPASSWD_ALL = 'ALL=(ALL) NOPASSWD:ALL';

/** The user-data text for a spec that passed validation, and notes on dropped extra values. */
export function renderUserData(spec: InstanceSpec): { text: string; notes: ErrorReport[] } {
  const form: Record<string, unknown> = { hostname: spec.hostname };
  if (spec.fqdn) {
    form.fqdn = spec.fqdn;
    form.prefer_fqdn_over_hostname = false; // the short name stays the hostname; the FQDN goes to /etc/hosts
  }
  form.manage_etc_hosts = true;
  // The seed stays the guest's network truth: a NIC VirtDeck adds later (with its IPAM address) is written into the
  // seed, and cloud-init applies the seed's network config again at every boot, not only the first.
  form.updates = { network: { when: ['boot-new-instance', 'boot'] } };
  form.users = spec.users.map(renderUser);
  form.ssh_pwauth = spec.sshPwauth;
  if (spec.packages.length) form.packages = [...spec.packages];
  if (spec.runcmd.length) form.runcmd = spec.runcmd.map((c) => (Array.isArray(c) ? [...c] : c));

  const extra = spec.extraUserData ? parseYaml(spec.extraUserData, 'extraUserData').value : undefined;
  const { value, notes } = isPlainObject(extra) ? mergeUserData(form, extra) : { value: form, notes: [] };
  return { text: `${CLOUD_CONFIG_HEADER}\n${emitYaml(value)}`, notes };
}

function renderUser(u: UserSpec): Record<string, unknown> {
  const out: Record<string, unknown> = { name: u.name, shell: u.shell ?? '/bin/bash' };
  if (u.groups?.length) out.groups = [...u.groups];
  if (u.sudo) out.sudo = u.sudo === true ? NOPASSWD_ALL : u.sudo;
  out.lock_passwd = !u.passwordHash;
  if (u.passwordHash) out.passwd = u.passwordHash;
  if (u.sshAuthorizedKeys.length) out.ssh_authorized_keys = u.sshAuthorizedKeys.map((k) => k.trim());
  return out;
}

/** Check a complete user-data file: header, YAML syntax, types, field syntax. */
export function validateUserData(text: string, where = 'user-data'): SeedIssue[] {
  if (text.split('\n', 1)[0]!.trimEnd() !== CLOUD_CONFIG_HEADER) {
    return [{ severity: 'error', path: where, problem: report('seed.no-header', { header: CLOUD_CONFIG_HEADER }) }];
  }
  return checkCloudConfig(parseYaml(text, where), where, { allowEmpty: false });
}

/**
 * Check a parsed cloud-config (a whole file or the extra fragment): it must be a map whose known
 * keys have the right types; users, keys, hashes and names must be well-formed.
 */
export function checkCloudConfig(parsed: ParsedYaml, where: string, opts: { allowEmpty: boolean }): SeedIssue[] {
  const issues = [...parsed.issues];
  if (issues.some((i) => i.severity === 'error')) return issues;
  const value = parsed.value;
  if (value === null || value === undefined) {
    if (!opts.allowEmpty) issues.push({ severity: 'error', path: where, problem: report('seed.empty', {}) });
    return issues;
  }
  if (!isPlainObject(value)) {
    return [...issues, { severity: 'error', path: where, problem: report('seed.not-map', { type: Array.isArray(value) ? 'list' : typeof value }) }];
  }
  const error = (path: (string | number)[], problem: ErrorReport) => issues.push({ severity: 'error', path: parsed.at(path), problem });

  const typed = userDataSchema.safeParse(value);
  if (!typed.success) {
    for (const issue of typed.error.issues) {
      error(
        issue.path as (string | number)[],
        issue.code === 'invalid_type' ? report('seed.type', { expected: issue.expected }) : report('seed.schema', { message: issue.message }),
      );
    }
  }
  for (const key of Object.keys(value)) {
    if (!KNOWN_USER_DATA_KEYS.has(key)) issues.push({ severity: 'warning', path: parsed.at([key]), problem: report('seed.unknown-key', {}) });
  }
  if (!typed.success) return issues;

  const data = typed.data;
  if (typeof data.hostname === 'string') {
    const p = hostnameProblem(data.hostname);
    if (p) error(['hostname'], p);
  }
  if (typeof data.fqdn === 'string') {
    const p = fqdnProblem(data.fqdn, typeof data.hostname === 'string' ? data.hostname : data.fqdn.split('.')[0]!);
    if (p) error(['fqdn'], p);
  }
  data.ssh_authorized_keys?.forEach((k, i) => {
    const p = sshPublicKeyProblem(k);
    if (p) error(['ssh_authorized_keys', i], p);
  });
  const seen = new Set<string>();
  data.users?.forEach((u, i) => {
    if (u === 'default') return;
    const p = userNameProblem(u.name);
    if (p) error(['users', i, 'name'], p);
    if (seen.has(u.name)) error(['users', i, 'name'], report('seed.user-twice', { name: u.name }));
    seen.add(u.name);
    for (const field of ['passwd', 'hashed_passwd'] as const) {
      const hash = u[field];
      const problem = hash === undefined ? undefined : passwordHashProblem(hash);
      if (problem) error(['users', i, field], problem);
    }
    if ('plain_text_passwd' in u) error(['users', i, 'plain_text_passwd'], report('seed.clear-text-password', {}));
    u.ssh_authorized_keys?.forEach((k, j) => {
      const problem = sshPublicKeyProblem(k);
      if (problem) error(['users', i, 'ssh_authorized_keys', j], problem);
    });
  });
  if ('password' in data) error(['password'], report('seed.clear-text-password', {}));
  return issues;
}
