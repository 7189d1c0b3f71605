// Field-level checks shared by spec validation and file validation. Each returns the problem (without the field
// name) or undefined when the value is fine.
import { report, type ErrorReport } from '../../../shared/model/errors.js';
import { isDomainName } from '../ipam/index.js';
import { isSha512CryptHash } from '../../../shared/model/sha512-crypt.js';

/** RFC 1123 label: 1-63 letters, digits, hyphens; no hyphen at either end. */
export function hostnameProblem(name: string): ErrorReport | undefined {
  if (name.includes('.')) return report('seed.hostname-dotted', { value: name });
  if (!/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i.test(name)) return report('seed.hostname', { value: name });
  return undefined;
}

export function fqdnProblem(fqdn: string, hostname: string): ErrorReport | undefined {
  if (!isDomainName(fqdn) || !fqdn.includes('.')) return report('seed.fqdn', { value: fqdn });
  if (fqdn.split('.')[0]!.toLowerCase() !== hostname.toLowerCase()) return report('seed.fqdn-host', { value: fqdn, hostname });
  return undefined;
}

export function macProblem(mac: string): ErrorReport | undefined {
  if (!/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i.test(mac)) return report('value.not-mac', { value: mac });
  if (parseInt(mac.slice(0, 2), 16) & 1) return report('seed.mac-multicast', { value: mac });
  return undefined;
}

/** Linux user names as useradd accepts them by default (and cloud-init passes them on). */
export function userNameProblem(name: string): ErrorReport | undefined {
  if (!/^[a-z_][a-z0-9_-]{0,31}$/.test(name)) return report('seed.user-name', { value: name });
  return undefined;
}

export function passwordHashProblem(hash: string): ErrorReport | undefined {
  if (!isSha512CryptHash(hash)) return report('seed.password-hash', {});
  return undefined;
}

const KEY_TYPES = new Set([
  'ssh-ed25519',
  'ssh-rsa',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'sk-ssh-ed25519@openssh.com',
  'sk-ecdsa-sha2-nistp256@openssh.com',
]);

/** `type base64 [comment]`, where the base64 blob decodes and names the same key type. */
export function sshPublicKeyProblem(line: string): ErrorReport | undefined {
  const fields = line.trim().split(/\s+/);
  if (line.includes('\n')) return report('seed.key-lines', {});
  if (fields.length < 2) return report('seed.key-format', {});
  const [type, data] = fields as [string, string];
  if (type === 'ssh-dss') return report('seed.key-dsa', {});
  if (!KEY_TYPES.has(type)) return report('seed.key-type', { type: type.slice(0, 40) });
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(data) || data.length % 4 !== 0) return report('seed.key-base64', { type });
  const blob = Buffer.from(data, 'base64');
  const len = blob.length >= 4 ? blob.readUInt32BE(0) : -1;
  const inner = len >= 0 && 4 + len <= blob.length ? blob.subarray(4, 4 + len).toString('latin1') : undefined;
  if (inner !== type) return report('seed.key-mismatch', { type, inner: inner ?? '' });
  return undefined;
}
