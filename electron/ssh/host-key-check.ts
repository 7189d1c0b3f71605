// The host-key decision for one hop: known → go on; revoked or changed → a typed refusal; unknown → ask the
// user (trust on first use) and record the key. Never lets a handshake finish unverified.
import type { SshConnectionOptions, UnknownHostKeyPrompt } from './connection-types.js';
import { SshHostKeyChangedError, SshHostKeyRejectedError } from './errors.js';
import { fingerprintSha256, keyTypeOfBlob, type KnownHosts } from './known-hosts.js';

/** The hop as the check sees it: where it is, `user@host:port` for messages, and the name known_hosts uses. */
export interface HostKeyTarget {
  hostName: string;
  port: number;
  label: string;
  knownAs: { name: string; port: number };
}

// Key types known_hosts stores → handshake algorithms that produce them.
const HOST_KEY_ALGORITHMS: Record<string, string[]> = {
  'ssh-rsa': ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'],
};

/** Host-key algorithms to ask for first: the ones known_hosts can check, so a known host is not taken for new. */
export function preferredHostKeyAlgorithms(kh: KnownHosts, target: HostKeyTarget): string[] {
  return kh.knownKeyTypes(target.knownAs.name, target.knownAs.port).flatMap((t) => HOST_KEY_ALGORITHMS[t] ?? [t]);
}

/** Resolves when the key may be used; throws the typed refusal otherwise. `onPrompt` brackets the user's turn. */
export async function checkHostKey(
  kh: KnownHosts,
  target: HostKeyTarget,
  key: Buffer,
  opts: Pick<SshConnectionOptions, 'onUnknownHostKey' | 'onHostKeyVerified'>,
  onPrompt: (active: boolean) => void,
): Promise<void> {
  const { label } = target;
  const { name, port } = target.knownAs;
  const result = kh.verify(key, name, port);
  const seen: UnknownHostKeyPrompt = {
    host: target.hostName,
    port: target.port,
    keyType: keyTypeOfBlob(key),
    fingerprint: fingerprintSha256(key),
    otherKnownTypes: result.status === 'unknown' ? result.otherKnownTypes : [],
  };
  switch (result.status) {
    case 'known':
      opts.onHostKeyVerified?.(seen);
      return;
    case 'revoked':
      throw new SshHostKeyRejectedError(label, result.fingerprint, result.keyType, 'revoked', result);
    case 'changed':
      throw new SshHostKeyChangedError(label, result.fingerprint, result.keyType, result.expectedFingerprints, result.file, result.line);
    case 'unknown': {
      onPrompt(true);
      let accepted: boolean;
      try {
        accepted = await opts.onUnknownHostKey(seen);
      } finally {
        onPrompt(false);
      }
      if (!accepted) throw new SshHostKeyRejectedError(label, result.fingerprint, result.keyType, 'declined');
      await kh.append(name, port, key);
      opts.onHostKeyVerified?.(seen);
    }
  }
}
