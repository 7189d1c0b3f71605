// virtdeck ssh HOST/VM [-- COMMAND…]: SSH into a guest through its host's SSH connection (the guest's network
// may exist only on the host). Interactive: a pty with the local terminal in raw mode; with a command: its output
// and exit code.
import { join } from 'node:path';
import { userInfo } from 'node:os';
import type { Core } from '../../core/core.js';
import { CoreError } from '../../core/errors.js';
import { DomainXml } from '../../libvirt/xml/domain.js';
import { SshConnection } from '../../ssh/connection.js';
import { parseArgs, parseVmRef, UsageError } from '../args.js';
import type { Out } from '../output.js';
import { connectHost } from './pool.js';

const USAGE = `usage: virtdeck ssh HOST/VM [--user NAME] [--identity FILE]… [--ip ADDRESS] [-- COMMAND [ARG…]]
       User: --user, else the one the VM was launched with, else yours. Guest host keys are trusted on first use
       and kept in $VIRTDECK_HOME/guest_known_hosts.`;

export async function sshCommand(core: Core, argv: string[], out: Out): Promise<number> {
  const dash = argv.indexOf('--');
  const command = dash === -1 ? [] : argv.slice(dash + 1);
  const args = parseArgs(dash === -1 ? argv : argv.slice(0, dash), { user: { value: true }, identity: { value: true, repeat: true }, ip: { value: true } });
  if (args.positionals.length !== 1) throw new UsageError(USAGE);
  const ref = parseVmRef(args.positionals[0] as string);
  await connectHost(core, ref.host);
  const vm = core.vms.get(ref);
  const reserved = core.inventory.instances.reservations().find((r) => r.host === ref.host && r.vmUuid === vm.uuid)?.ip;
  const ip = args.get('ip') ?? vm.ips.map((a) => a.replace(/\/\d+$/, '')).find((a) => !a.includes(':')) ?? reserved;
  if (!ip) throw new CoreError('vm.no-ip', { host: ref.host, vm: vm.name });
  const hostSsh = core.hostRegistry.get(ref.host).sshConnection();
  if (!hostSsh) throw new CoreError('host.no-ssh', { host: ref.host });
  const user = args.get('user') ?? DomainXml.parse(await core.vms.xml(ref, true)).virtdeck.get('user') ?? userInfo().username;
  const identities = args.all('identity');
  const guest = new SshConnection({
    host: ip,
    port: 22,
    user,
    via: hostSsh,
    configFile: null,
    knownHostsFile: join(core.home, 'guest_known_hosts'),
    onUnknownHostKey: async () => true,
    reconnect: false,
    ...(identities.length ? { identityFiles: identities, identitiesOnly: true } : {}),
  });
  await guest.connect();
  try {
    if (command.length) {
      const r = await guest.exec(command);
      out.stdout(r.stdout.toString('utf8'));
      out.stderr(r.stderr.toString('utf8'));
      return r.code ?? 255;
    }
    return await interactive(guest);
  } finally {
    guest.close();
  }
}

async function interactive(guest: SshConnection): Promise<number> {
  const stdin = process.stdin;
  const shell = await guest.shell({ cols: process.stdout.columns || 80, rows: process.stdout.rows || 24, term: process.env.TERM || 'xterm-256color' });
  const onResize = (): void => shell.resize(process.stdout.columns || 80, process.stdout.rows || 24);
  const raw = stdin.isTTY;
  if (raw) stdin.setRawMode(true);
  process.stdout.on('resize', onResize);
  stdin.pipe(shell);
  shell.pipe(process.stdout);
  shell.stderr.pipe(process.stderr);
  let code = 0;
  shell.on('exit', (c: number | null) => {
    code = c ?? 255;
  });
  await new Promise<void>((resolve) => shell.once('close', () => resolve()));
  stdin.unpipe(shell);
  if (raw) stdin.setRawMode(false);
  stdin.pause();
  process.stdout.off('resize', onResize);
  return code;
}
