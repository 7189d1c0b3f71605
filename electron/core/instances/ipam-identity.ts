// Who this VirtDeck is when it writes IPAM records on a host: OS user@machine (shown to every other VirtDeck as who
// holds an address) and a random id of its home, made once (the task ids in its records mean something only there).
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { join } from 'node:path';
import type { IpamIdentity } from './ipam-host.js';

export function ipamIdentity(home: string): IpamIdentity {
  const file = join(home, 'home-id');
  let id = '';
  try {
    id = readFileSync(file, 'utf8').trim();
  } catch {
    /* made below */
  }
  if (!/^[0-9a-f-]{36}$/.test(id)) {
    id = randomUUID();
    try {
      writeFileSync(file, `${id}\n`, { flag: 'wx', mode: 0o600 });
    } catch {
      // Another process of this home made it first: that one counts.
      id = readFileSync(file, 'utf8').trim();
    }
  }
  return { by: `${userInfo().username}@${hostname()}`, home: id };
}
