// The user options shared by `launch` and `seed` (USER_FLAGS in the table): --user, --ssh-key FILE (repeatable;
// default ~/.ssh/*.pub), --password-hash or --password-stdin (hashed here), --user-data FILE.
import { readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { LaunchUser } from '../../../shared/model/instance.js';
import { sha512Crypt } from '../../../shared/model/sha512-crypt.js';
import { UsageError } from '../args.js';
import type { ParsedArgs } from '../table/types.js';

function readText(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${what} ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

/** Public key lines of the files (comments and blank lines skipped). */
function keysOf(files: string[]): string[] {
  return files.flatMap((f) => readText(f, 'SSH public key').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#')));
}

function defaultKeyFiles(): string[] {
  const dir = join(homedir(), '.ssh');
  try {
    return readdirSync(dir).filter((f) => f.endsWith('.pub')).sort().map((f) => join(dir, f));
  } catch {
    return [];
  }
}

/** The first line of stdin, as its SHA-512 crypt hash (the plain text goes no further). */
function passwordFromStdin(): string {
  let text = '';
  try {
    text = readFileSync(0, 'utf8');
  } catch (err) {
    throw new UsageError(`--password-stdin: cannot read stdin: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const line = text.split('\n')[0]?.replace(/\r$/, '') ?? '';
  if (!line) throw new UsageError('--password-stdin: stdin gave no password');
  return sha512Crypt(line);
}

export function userFromArgs(args: ParsedArgs, defaultName: string): { user: LaunchUser & { name: string }; extraUserData: string | undefined } {
  if (args.has('password-hash') && args.has('password-stdin')) throw new UsageError('give --password-hash or --password-stdin, not both');
  const hash = args.has('password-stdin') ? passwordFromStdin() : args.get('password-hash');
  let files = args.all('ssh-key');
  if (!files.length && !hash) files = defaultKeyFiles();
  const keys = keysOf(files);
  if (!keys.length && !hash) throw new UsageError('nobody could log in: give --ssh-key FILE or --password-hash HASH (no ~/.ssh/*.pub found)');
  const file = args.get('user-data');
  return {
    user: { name: args.get('user') ?? defaultName, sshAuthorizedKeys: keys, ...(hash ? { passwordHash: hash } : {}), sudo: true },
    extraUserData: file ? readText(file, 'user-data file') : undefined,
  };
}
