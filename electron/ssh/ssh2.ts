// ssh2, loaded at the first connection rather than with the modules that use it: it costs tens of milliseconds
// that a CLI command contacting no host should not pay. Only its client and key parser are loaded: its index also
// loads the server, the HTTP(S) agents (node:https, node:tls) and the key generator, ~20 ms more that a client
// never uses. (ssh2 1.x has no "exports" map, so these files are reachable; it is CommonJS, so require it.)
import { createRequire } from 'node:module';

type Ssh2 = typeof import('ssh2');

interface Ssh2Client {
  Client: Ssh2['Client'];
  utils: Pick<Ssh2['utils'], 'parseKey'>;
}

let loaded: Ssh2Client | undefined;

export function ssh2(): Ssh2Client {
  if (!loaded) {
    const require = createRequire(import.meta.url);
    loaded = {
      Client: require('ssh2/lib/client.js') as Ssh2['Client'],
      utils: { parseKey: (require('ssh2/lib/protocol/keyParser.js') as Ssh2['utils']).parseKey },
    };
  }
  return loaded;
}
