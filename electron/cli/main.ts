// `virtdeck` command line over the core. Errors: one line on stderr and a non-zero exit, never a stack trace.
import { createCore } from '../core/core.js';
import { errorReport } from '../core/errors.js';
import { UsageError } from './args.js';
import { bridgeCommand } from './commands/bridge.js';
import { eventsCommand } from './commands/events.js';
import { flavorCommand } from './commands/flavor.js';
import { hostCommand } from './commands/host.js';
import { imageCommand } from './commands/image.js';
import { launchCommand } from './commands/launch.js';
import { netCommand } from './commands/net.js';
import { poolCommand } from './commands/pool.js';
import { seedCommand } from './commands/seed.js';
import { sshCommand } from './commands/ssh.js';
import { snapCommand } from './commands/snap.js';
import { statsCommand } from './commands/stats.js';
import { vmCommand } from './commands/vm.js';
import { volCommand } from './commands/vol.js';
import { xmlCommand } from './commands/xml.js';
import { errorWords } from './error-words.js';
import { type Out, processOut } from './output.js';

const USAGE = `usage: virtdeck <command> ...
  host add NAME --ssh [USER@]HOST[:PORT] [--uri qemu:///system] [--identity FILE] [--jump HOST]
                [--known-hosts FILE] [--accept-new-host-key] [--virt-type kvm|qemu]
  host add NAME --local [--uri qemu+unix:///system?socket=PATH]   this machine's libvirtd, no SSH
  host list|rm NAME|test NAME                       [--json]
  vm list [--host NAME]                             [--json]
  vm start|shutdown|reboot|destroy|suspend|resume|save|lock|unlock HOST/VM
  vm delete HOST/VM [--with-storage]
  vm xml HOST/VM
  pool list|discover|define|build|start|stop|refresh|autostart|delete ...   (virtdeck pool help)
  vol list|create|clone|resize|upload|download|delete ...                 (virtdeck vol help)
  net list|define|start|stop|autostart|delete|leases|ipam ...             (virtdeck net help)
  image add HOST FILE|URL|POOL/VOL [--name NAME] [--sha256 HEX] | image list [--host NAME] [--json] | image known
  flavor list | flavor add NAME --cpus N --memory SIZE --disk SIZE
  launch HOST|auto NAME --image NAME (--flavor NAME | --cpus N --memory SIZE --disk SIZE) --network NAME
         [--ip CIDR|auto|dhcp] [--ssh-key FILE]… [--user NAME] [--password-hash HASH] [--user-data FILE]
         [--virt-type kvm|qemu] [--wait] [--json] [--check|--preview]
  seed --out FILE --hostname NAME [--ip CIDR --gateway IP --dns IP,… --mac MAC] [--ssh-key FILE]… ...  (no host)
  ssh HOST/VM [--user NAME] [-- COMMAND…]          SSH into the guest through its host
  snap list|create|revert|delete HOST/VM ...                              (virtdeck snap help)
  bridge list|nics|create|delete|confirm|status HOST ...                  (virtdeck bridge help)
  stats [--host NAME] [--json]
  events [--host NAME] [--json]
  xml normalize [--kind domain|pool|volume|network|snapshot] < in.xml > out.xml
State lives in $VIRTDECK_HOME (default: the OS app-data directory).
`;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function main(argv: string[], out: Out = processOut): Promise<number> {
  const [cmd, ...rest] = argv;
  if (cmd === undefined || cmd === 'help' || cmd === '--help' || cmd === '-h') {
    out.stdout(USAGE);
    return cmd === undefined ? 2 : 0;
  }
  try {
    if (cmd === 'xml') return await xmlCommand(rest, out, readStdin);
    if (cmd === 'seed') return await seedCommand(rest, out);
    const core = await createCore({ autoConnect: false });
    const stop = new AbortController();
    const onSignal = (): void => stop.abort();
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    try {
      switch (cmd) {
        case 'host':
          return await hostCommand(core, rest, out);
        case 'vm':
          return await vmCommand(core, rest, out);
        case 'pool':
          return await poolCommand(core, rest, out);
        case 'vol':
          return await volCommand(core, rest, out);
        case 'net':
          return await netCommand(core, rest, out);
        case 'image':
          return await imageCommand(core, rest, out);
        case 'flavor':
          return await flavorCommand(core, rest, out);
        case 'launch':
          return await launchCommand(core, rest, out);
        case 'ssh':
          return await sshCommand(core, rest, out);
        case 'snap':
          return await snapCommand(core, rest, out);
        case 'bridge':
          return await bridgeCommand(core, rest, out);
        case 'stats':
          return await statsCommand(core, rest, out);
        case 'events':
          return await eventsCommand(core, rest, out, stop.signal);
        default:
          throw new UsageError(`unknown command "${cmd}" (see virtdeck --help)`);
      }
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      await core.close();
    }
  } catch (err) {
    if (err instanceof UsageError) {
      out.stderr(`virtdeck: ${err.message}\n`);
      return 2;
    }
    out.stderr(`virtdeck: ${errorWords(errorReport(err))}\n`);
    return 1;
  }
}
