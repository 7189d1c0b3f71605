// Field-level checks shared by spec validation and file validation. Each returns a message
// (without the field name) or undefined when the value is fine.
import { isDomainName } from '../ipam/index.js';
import { isSha512CryptHash } from './sha512-crypt.js';

/** RFC 1123 label: 1-63 letters, digits, hyphens; no hyphen at either end. */
export function hostnameProblem(name: string): string | undefined {
  if (name.includes('.')) return `${JSON.stringify(name)} must be a single label (put the domain in fqdn)`;
  if (!/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i.test(name)) {
    return `${JSON.stringify(name)} is not a valid host name (RFC 1123: 1-63 letters, digits or inner hyphens)`;
  }
  return undefined;
}

export function fqdnProblem(fqdn: string, hostname: string): string | undefined {
  if (!isDomainName(fqdn) || !fqdn.includes('.')) return `${JSON.stringify(fqdn)} is not a fully qualified domain name`;
  if (fqdn.split('.')[0]!.toLowerCase() !== hostname.toLowerCase()) return `${fqdn} must begin with the hostname ${hostname}`;
  return undefined;
}

export function macProblem(mac: string): string | undefined {
  if (!/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i.test(mac)) return `${JSON.stringify(mac)} is not a MAC address (aa:bb:cc:dd:ee:ff)`;
  if (parseInt(mac.slice(0, 2), 16) & 1) return `${mac} is a multicast address; a NIC needs a unicast MAC`;
  return undefined;
}

/** Linux user names as useradd accepts them by default (and cloud-init passes them on). */
export function userNameProblem(name: string): string | undefined {
  if (!/^[a-z_][a-z0-9_-]{0,31}$/.test(name)) {
    return `${JSON.stringify(name)} is not a valid user name (lowercase letter or _, then up to 31 of a-z 0-9 _ -)`;
  }
  return undefined;
}

export function passwordHashProblem(hash: string): string | undefined {
  if (!isSha512CryptHash(hash)) return 'must be a SHA-512 crypt hash ($6$salt$...); hash the password with sha512Crypt()';
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
export function sshPublicKeyProblem(line: string): string | undefined {
  const expected = 'expected "<type> <base64> [comment]" as in a .pub file';
  const fields = line.trim().split(/\s+/);
  if (line.includes('\n')) return 'must be one line';
  if (fields.length < 2) return `not an SSH public key: ${expected}`;
  const [type, data] = fields as [string, string];
  if (type === 'ssh-dss') return 'ssh-dss (DSA) keys are refused by current OpenSSH; use ed25519';
  if (!KEY_TYPES.has(type)) return `unknown key type ${JSON.stringify(type.slice(0, 40))}: ${expected}`;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(data) || data.length % 4 !== 0) return `${type} key data is not base64`;
  const blob = Buffer.from(data, 'base64');
  const len = blob.length >= 4 ? blob.readUInt32BE(0) : -1;
  const inner = len >= 0 && 4 + len <= blob.length ? blob.subarray(4, 4 + len).toString('latin1') : undefined;
  if (inner !== type) return `key data does not hold a ${type} key${inner ? ` (it says ${inner})` : ''}`;
  return undefined;
}
