// ssh2, loaded at the first connection rather than with the modules that use it: it costs tens of milliseconds
// that a CLI command contacting no host should not pay. Only its client and key parser are loaded (ssh2-parts.ts):
// its index also loads the server, the HTTP(S) agents (node:https, node:tls) and the key generator, ~20 ms more
// that a client never uses. A dynamic import, so that the CLI bundle carries ssh2 in a chunk of its own.
import type { Ssh2Parts } from './ssh2-parts.js';

let loading: Promise<Ssh2Parts> | undefined;

export function ssh2(): Promise<Ssh2Parts> {
  loading ??= import('./ssh2-parts.js').then((m) => m.ssh2Parts);
  return loading;
}
