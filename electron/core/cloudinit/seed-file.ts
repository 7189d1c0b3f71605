// A seed ISO on local disk: it carries password hashes and user-data, so only its owner may read it (0600), and an
// existing file is never overwritten.
import { writeFileSync } from 'node:fs';

export function writeSeedFile(file: string, iso: Uint8Array): void {
  writeFileSync(file, iso, { flag: 'wx', mode: 0o600 });
}
