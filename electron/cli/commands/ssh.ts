// virtdeck ssh HOST/VM [-- COMMAND…]: SSH into a guest from its host (the guest's network may exist only there).
// Interactive: a pty with the local terminal in raw mode; with a command: its output and exit code.
import { userInfo } from 'node:os';
import type { HostKeyPrompt } from '../../../shared/model/host.js';
import type { Core } from '../../core/core.js';
import { connectGuest } from '../../core/consoles/guest-ssh.js';
import { CoreError } from '../../core/errors.js';
import { DomainXml } from '../../libvirt/xml/domain.js';
import type { SshConnection } from '../../ssh/connection.js';
import { parseArgs, parseVmRef, UsageError } from '../args.js';
import type { Out } from '../output.js';
import { connectHost } from './pool.js';

const USAGE = `usage: virtdeck ssh HOST/VM [--user NAME] [--identity FILE]… [--ip ADDRESS] [--accept-new-host-key] [-- COMMAND [ARG…]]
       User: --user, else the one the VM was launched with, else yours. Guest host keys are kept per VM in
       $VIRTDECK_HOME/guest_host_keys. A new key is trusted when it matches the keys the VM printed on its serial
       console; when that console cannot be read, only with --accept-new-host-key.`;

export async function sshCommand(core: Core, argv: string[], out: Out): Promise<number> {
  const dash = argv.indexOf('--');
  const command = dash === -1 ? [] : argv.slice(dash + 1);
  const args = parseArgs(dash === -1 ? argv : argv.slice(0, dash), {
    user: { value: true },
    identity: { value: true, repeat: true },
    ip: { value: true },
    'accept-new-host-key': {},
  });
  if (args.positionals.length !== 1) throw new UsageError(USAGE);
  const ref = parseVmRef(args.positionals[0] as string);
  await connectHost(core, ref.host);
  const vm = core.vms.get(ref);
  const reserved = core.inventory.instances.reservations().find((r) => r.host === ref.host && r.vmUuid === vm.uuid)?.ip;
  const ip = args.get('ip') ?? vm.ips.map((a) => a.replace(/\/\d+$/, '')).find((a) => !a.includes(':')) ?? reserved;
  if (!ip) throw new CoreError('vm.no-ip', { host: ref.host, vm: vm.name });
  const xml = await core.vms.xml(ref, true);
  const user = args.get('user') ?? DomainXml.parse(xml).virtdeck.get('user') ?? userInfo().username;
  let refusal: UsageError | null = null;
  const confirm = async (p: HostKeyPrompt): Promise<boolean> => {
    const key = `${p.keyType} ${p.fingerprint}`;
    if (p.guest?.console === 'match') {
      out.stderr(`trusting ${vm.name}'s host key ${key}: it matches the keys the VM printed on its serial console\n`);
      return true;
    }
    if (args.has('accept-new-host-key')) {
      out.stderr(`trusting ${vm.name}'s new host key ${key} (--accept-new-host-key; its serial console could not be read)\n`);
      return true;
    }
    refusal = new UsageError(
      `host key of ${vm.name} (${ip}) is not known: ${key}, and its serial console could not be read to compare. ` +
        'Check it in the VM (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub), then re-run with --accept-new-host-key',
    );
    return false;
  };
  const identities = args.all('identity');
  const guest = await connectGuest({
    transport: core.hostRegistry.get(ref.host).transport,
    vm: { uuid: vm.uuid, name: vm.name, xml },
    ip,
    user,
    identityFiles: identities,
    keys: core.guestKeys,
    confirm,
  }).catch((err: unknown) => {
    throw refusal ?? err;
  });
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
