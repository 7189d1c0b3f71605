// OpenSSH known_hosts: verification of a server's host key and trust-on-first-use recording.
// Lines: `[@marker] hostpatterns keytype base64key [comment]`; hostpatterns is a comma list of names,
// `[host]:port` forms, globs and `!negations`, or one hashed name `|1|base64(salt)|base64(HMAC-SHA1(salt, name))`.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { matchPattern } from './ssh-config.js';

export interface KnownHostEntry {
  marker?: 'revoked' | 'cert-authority';
  hostPatterns: string;
  keyType: string;
  key: Buffer;
  file: string;
  line: number;
}

export type HostKeyStatus =
  | { status: 'known' }
  /** otherKnownTypes: key types known for this host, none of them this key's (OpenSSH warns about those). */
  | { status: 'unknown'; fingerprint: string; keyType: string; otherKnownTypes: string[] }
  | {
      status: 'changed';
      fingerprint: string;
      keyType: string;
      expectedFingerprints: string[];
      file: string;
      line: number;
    }
  | { status: 'revoked'; fingerprint: string; keyType: string; file: string; line: number };

/**
 * The name known_hosts stores for host:port — bare for port 22, `[host]:port` otherwise — in lower case, as
 * OpenSSH matches and hashes it (a hashed `KVM1` line must match `kvm1`, and the other way round).
 */
export function knownHostName(host: string, port: number): string {
  const name = host.toLowerCase();
  return port === 22 ? name : `[${name}]:${port}`;
}

/** OpenSSH fingerprint form: `SHA256:` + unpadded base64 of the SHA-256 of the key blob. */
export function fingerprintSha256(keyBlob: Buffer): string {
  return `SHA256:${createHash('sha256').update(keyBlob).digest('base64').replace(/=+$/, '')}`;
}

/** The key type named inside an SSH public key blob (its first length-prefixed string). */
export function keyTypeOfBlob(keyBlob: Buffer): string {
  if (keyBlob.length < 4) throw new Error('host key blob too short');
  const len = keyBlob.readUInt32BE(0);
  if (len > keyBlob.length - 4 || len > 64) throw new Error('malformed host key blob');
  return keyBlob.subarray(4, 4 + len).toString('latin1');
}

/** `|1|salt|hmac` for a host name, as `ssh-keygen -H` / HashKnownHosts write it. */
export function hashHostName(name: string, salt: Buffer = randomBytes(20)): string {
  const mac = createHmac('sha1', salt).update(name).digest('base64');
  return `|1|${salt.toString('base64')}|${mac}`;
}

/** Does a hostpatterns field match `name` (already in knownHostName form)? */
export function hostPatternsMatch(hostPatterns: string, name: string): boolean {
  if (hostPatterns.startsWith('|1|')) {
    const [, , salt, mac] = hostPatterns.split('|');
    if (!salt || !mac) return false;
    const expected = Buffer.from(mac, 'base64');
    const actual = createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest();
    return expected.length === actual.length && expected.equals(actual);
  }
  let matched = false;
  for (const pattern of hostPatterns.split(',')) {
    if (pattern.startsWith('!')) {
      if (matchPattern(name, pattern.slice(1))) return false;
    } else if (matchPattern(name, pattern)) {
      matched = true;
    }
  }
  return matched;
}

export function parseKnownHosts(text: string, file: string): KnownHostEntry[] {
  const entries: KnownHostEntry[] = [];
  text.split('\n').forEach((raw, index) => {
    const fields = raw.trim().split(/\s+/);
    if (fields[0] === '' || fields[0]!.startsWith('#')) return;
    let marker: KnownHostEntry['marker'];
    if (fields[0] === '@revoked' || fields[0] === '@cert-authority') {
      marker = fields.shift() === '@revoked' ? 'revoked' : 'cert-authority';
    }
    const [hostPatterns, keyType, keyBase64] = fields;
    if (!hostPatterns || !keyType || !keyBase64) return; // malformed lines are skipped, as OpenSSH does
    entries.push({
      ...(marker ? { marker } : {}),
      hostPatterns,
      keyType,
      key: Buffer.from(keyBase64, 'base64'),
      file,
      line: index + 1,
    });
  });
  return entries;
}

function readEntries(file: string): KnownHostEntry[] {
  try {
    return parseKnownHosts(readFileSync(file, 'utf8'), file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

const writeQueues = new Map<string, Promise<void>>();

export interface KnownHostsOptions {
  /** The user's file: read, and where append() writes. */
  file: string;
  /** Read-only files consulted too (e.g. /etc/ssh/ssh_known_hosts). */
  extraFiles?: string[];
  /** Write hashed names (HashKnownHosts yes). */
  hashHostNames?: boolean;
}

export class KnownHosts {
  constructor(private readonly opts: KnownHostsOptions) {}

  get file(): string {
    return this.opts.file;
  }

  private entriesFor(host: string, port: number): KnownHostEntry[] {
    const name = knownHostName(host, port);
    return [this.opts.file, ...(this.opts.extraFiles ?? [])].flatMap(readEntries).filter((e) => hostPatternsMatch(e.hostPatterns, name));
  }

  /** `@cert-authority` lines that apply to host:port: VirtDeck does not check host certificates, so it says so. */
  certAuthorityLines(host: string, port: number): Array<{ file: string; line: number }> {
    return this.entriesFor(host, port)
      .filter((e) => e.marker === 'cert-authority')
      .map(({ file, line }) => ({ file, line }));
  }

  /** Check a server host key blob against the files. The files are re-read on each call. */
  verify(keyBlob: Buffer, host: string, port: number): HostKeyStatus {
    const keyType = keyTypeOfBlob(keyBlob);
    const fingerprint = fingerprintSha256(keyBlob);
    const entries = this.entriesFor(host, port);
    const revoked = entries.find((e) => e.marker === 'revoked' && e.key.equals(keyBlob));
    if (revoked) return { status: 'revoked', fingerprint, keyType, file: revoked.file, line: revoked.line };
    const plain = entries.filter((e) => !e.marker);
    const sameType = plain.filter((e) => e.keyType === keyType);
    if (sameType.some((e) => e.key.equals(keyBlob))) return { status: 'known' };
    const first = sameType[0];
    if (first) {
      return {
        status: 'changed',
        fingerprint,
        keyType,
        expectedFingerprints: sameType.map((e) => fingerprintSha256(e.key)),
        file: first.file,
        line: first.line,
      };
    }
    return { status: 'unknown', fingerprint, keyType, otherKnownTypes: [...new Set(plain.map((e) => e.keyType))] };
  }

  /** Key types recorded for host:port, so the handshake can ask for a key we can check. */
  knownKeyTypes(host: string, port: number): string[] {
    return [...new Set(this.entriesFor(host, port).filter((e) => !e.marker).map((e) => e.keyType))];
  }

  /** Add a line for host:port atomically (temp file + rename), keeping every existing line. */
  append(host: string, port: number, keyBlob: Buffer): Promise<void> {
    const name = knownHostName(host, port);
    const line = `${this.opts.hashHostNames ? hashHostName(name) : name} ${keyTypeOfBlob(keyBlob)} ${keyBlob.toString('base64')}\n`;
    return this.rewrite((existing) => {
      const separator = existing === '' || existing.endsWith('\n') ? '' : '\n';
      return existing + separator + line;
    });
  }

  /**
   * Drop every line recorded for exactly host:port (as `ssh-keygen -R` does): its hashed lines and lines naming
   * it literally; lines that only match it through a wildcard stay. Comments and other hosts' lines are kept.
   */
  remove(host: string, port: number): Promise<void> {
    const name = knownHostName(host, port);
    const names = (patterns: string): boolean =>
      patterns.startsWith('|1|') ? hostPatternsMatch(patterns, name) : patterns.toLowerCase().split(',').includes(name);
    return this.rewrite((existing) =>
      existing
        .split('\n')
        .filter((raw) => {
          const fields = raw.trim().split(/\s+/);
          const patterns = fields[0]?.startsWith('@') ? fields[1] : fields[0];
          return !patterns || patterns.startsWith('#') || !names(patterns);
        })
        .join('\n'),
    );
  }

  /** Changes to one file are serialized inside this process, so concurrent first connections keep every line. */
  private rewrite(change: (existing: string) => string): Promise<void> {
    const file = this.opts.file;
    const previous = writeQueues.get(file) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => rewriteAtomically(file, change));
    writeQueues.set(file, next);
    return next;
  }
}

/** Replace the file's text by change(text) through a temp file + rename; nothing is written when nothing changes. */
async function rewriteAtomically(file: string, change: (existing: string) => string): Promise<void> {
  let existing = '';
  let mode = 0o600;
  try {
    existing = await readFile(file, 'utf8');
    mode = (await stat(file)).mode & 0o7777;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const text = change(existing);
  if (text === existing) return;
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const handle = await open(temp, 'w', mode);
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, file);
  } catch (err) {
    await unlink(temp).catch(() => undefined);
    throw err;
  }
}
