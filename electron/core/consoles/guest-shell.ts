// An interactive shell on a guest over SSH, carried by the host's existing SSH connection (the guest's network
// may be unreachable from the laptop). Guest host keys are trusted on first use per address and kept apart from
// the user's known_hosts (guests are recreated often; a changed key is still refused).
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { SshConnection, type TcpForwarder } from '../../ssh/connection.js';

export type GuestShell = Duplex & { resize(cols: number, rows: number): void };

export async function openGuestShell(
  host: TcpForwarder,
  ip: string,
  opts: { user: string; cols: number; rows: number; home: string },
): Promise<GuestShell> {
  const guest = new SshConnection({
    host: ip,
    port: 22,
    user: opts.user,
    via: host,
    configFile: null,
    knownHostsFile: join(opts.home, 'guest_known_hosts'),
    onUnknownHostKey: async () => true,
    reconnect: false,
  });
  await guest.connect();
  const shell = await guest.shell({ cols: opts.cols, rows: opts.rows });
  shell.once('close', () => guest.close());
  return shell;
}
