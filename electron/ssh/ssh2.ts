// ssh2, loaded at the first connection rather than with the modules that use it: it costs tens of milliseconds
// (crypto and protocol tables) that a CLI command contacting no host should not pay. It is CommonJS: require
// returns its exports as they are.
import { createRequire } from 'node:module';

type Ssh2 = typeof import('ssh2');

let loaded: Ssh2 | undefined;

export function ssh2(): Ssh2 {
  loaded ??= createRequire(import.meta.url)('ssh2') as Ssh2;
  return loaded;
}
