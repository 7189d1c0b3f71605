// The SSH host keys a guest reported itself: cloud-init prints them on the serial console at first boot, between
// "-----BEGIN SSH HOST KEY FINGERPRINTS-----" / "-----BEGIN SSH HOST KEY KEYS-----" and their END lines (some
// images prefix each line, e.g. "ec2: "). Read from the domain's serial log on its host, they vouch for the key a
// guest SSH connection is shown — through a channel a man in the middle of the guest's network cannot touch.
import { DomainXml } from '../../libvirt/xml/domain.js';
import { fingerprintSha256, keyTypeOfBlob } from '../../ssh/known-hosts.js';
import type { HostTransport } from '../hosts/host-transport.js';

/** Enough for the key blocks of many boots; a log that prints more is cut (the call fails, the keys are unknown). */
const MAX_KEY_LINES_BYTES = 1024 * 1024;

const BLOCK = /-----(BEGIN|END) SSH HOST KEY (KEYS|FINGERPRINTS)-----/;
const KEY_LINE = /\b((?:ssh|ecdsa|sk)-[a-z0-9@.-]+) ([A-Za-z0-9+/]+={0,2})(?:\s|$)/;
const FINGERPRINT = /\bSHA256:[A-Za-z0-9+/]{43}\b/;

/**
 * SHA256 fingerprints the guest printed, from its last KEYS and last FINGERPRINTS blocks (an older boot's keys
 * do not count), or null when the text holds none.
 */
export function consoleHostKeyFingerprints(text: string): Set<string> | null {
  const last: Record<'KEYS' | 'FINGERPRINTS', string[]> = { KEYS: [], FINGERPRINTS: [] };
  let open: { kind: 'KEYS' | 'FINGERPRINTS'; found: string[] } | null = null;
  for (const line of text.split(/\r?\n/)) {
    const marker = BLOCK.exec(line);
    if (marker) {
      const kind = marker[2] as 'KEYS' | 'FINGERPRINTS';
      if (marker[1] === 'BEGIN') open = { kind, found: [] };
      else if (open?.kind === kind) {
        last[kind] = open.found;
        open = null;
      }
      continue;
    }
    if (!open) continue;
    const fp = open.kind === 'KEYS' ? keyLineFingerprint(line) : FINGERPRINT.exec(line)?.[0];
    if (fp) open.found.push(fp);
  }
  const all = [...last.KEYS, ...last.FINGERPRINTS];
  return all.length > 0 ? new Set(all) : null;
}

function keyLineFingerprint(line: string): string | undefined {
  const m = KEY_LINE.exec(line);
  if (!m) return undefined;
  const blob = Buffer.from(m[2]!, 'base64');
  try {
    return keyTypeOfBlob(blob) === m[1] ? fingerprintSha256(blob) : undefined;
  } catch {
    return undefined; // not a key blob after all
  }
}

/** The fingerprints in the domain's serial log on its host, or null when there is no log or no key in it. */
export async function readConsoleHostKeys(transport: HostTransport, domainXml: string): Promise<Set<string> | null> {
  const logs = DomainXml.parse(domainXml)
    .serials.map((s) => s.logFile)
    .filter((f): f is string => !!f);
  for (const log of logs) {
    const r = await transport
      .exec(['sed', '-n', '/-----BEGIN SSH HOST KEY/,/-----END SSH HOST KEY/p', '--', log], { maxOutputBytes: MAX_KEY_LINES_BYTES })
      .catch(() => null);
    const found = r?.code === 0 ? consoleHostKeyFingerprints(r.stdout.toString('utf8')) : null;
    if (found) return found;
  }
  return null;
}
