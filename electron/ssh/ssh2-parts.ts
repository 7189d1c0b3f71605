// The two parts of ssh2 a client needs, imported by their files (ssh2 1.x has no "exports" map, so they are
// reachable; each is CommonJS, its module.exports the default import). Loaded through ssh2.ts only.
/// <reference path="./ssh2-modules.d.ts" />
import Client from 'ssh2/lib/client.js';
import keyParser from 'ssh2/lib/protocol/keyParser.js';

export interface Ssh2Parts {
  Client: typeof Client;
  utils: Pick<typeof keyParser, 'parseKey'>;
}

export const ssh2Parts: Ssh2Parts = { Client, utils: { parseKey: keyParser.parseKey } };
