// Whether a file can serve as an SSH identity, known before any connection: it exists on this machine and holds a
// private key (an encrypted one counts — its passphrase is asked when connecting).
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { expandTilde } from './ssh-config.js';
import { ssh2 } from './ssh2.js';

export type IdentityFileProblem = 'missing' | 'not-private';

export async function identityFileProblem(file: string): Promise<IdentityFileProblem | null> {
  let data: Buffer;
  try {
    data = await readFile(expandTilde(file, homedir()));
  } catch {
    return 'missing';
  }
  const parsed = (await ssh2()).utils.parseKey(data);
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  if (key instanceof Error) return /passphrase/i.test(key.message) ? null : 'not-private';
  return key?.isPrivateKey() ? null : 'not-private';
}
