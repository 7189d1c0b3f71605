// virtdeck vm list|start|shutdown|...|delete|xml
import { VM_ACTIONS, type VmAction, type VmInfo } from '../../../shared/model/vm.js';
import type { Core } from '../../core/core.js';
import { type FlagSpec, parseArgs, parseVmRef, UsageError } from '../args.js';
import { errorWords } from '../error-words.js';
import { ago, type Out, printJson, printTable } from '../output.js';
import { connectHostOption } from '../list-command.js';

/** CLI verbs → core actions (the CLI says "destroy" like virsh; lock/unlock are local flags). */
const LIFECYCLE: Record<string, VmAction> = Object.fromEntries(VM_ACTIONS.map((a) => [a, a]));

/** The documented JSON shape of `vm list --json`. */
export function vmListJson(vm: VmInfo): Record<string, unknown> {
  return {
    host: vm.host,
    name: vm.name,
    uuid: vm.uuid,
    state: vm.state,
    vcpus: vm.vcpus,
    memoryMiB: vm.memoryMiB,
    autostart: vm.autostart,
    persistent: vm.persistent,
    locked: vm.locked,
    lastSeen: vm.lastSeen,
    stale: vm.stale,
    ips: vm.ips,
    nics: vm.nics,
    disks: vm.disks,
  };
}

export async function vmCommand(core: Core, argv: string[], out: Out): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'list' || sub === 'ls') {
    const args = parseArgs(rest, { host: { value: true }, json: {} });
    if (args.positionals.length) throw new UsageError('usage: virtdeck vm list [--host NAME] [--json]');
    const host = await connectHostOption(core, args);
    for (const h of core.hosts.list()) {
      if (h.status !== 'online' && (!host || h.name === host)) {
        out.stderr(`virtdeck: warning: host ${h.name} is ${h.status}${h.lastError ? ` (${errorWords(h.lastError)})` : ''}; its VMs are shown as last seen\n`);
      }
    }
    const vms = core.vms.list(host ? { host } : {});
    if (args.has('json')) printJson(out, vms.map(vmListJson));
    else
      printTable(
        out,
        ['host', 'name', 'state', 'vcpus', 'memory', 'ips', 'flags', 'last seen'],
        vms.map((v) => [
          v.host,
          v.name,
          v.state,
          String(v.vcpus),
          `${v.memoryMiB} MiB`,
          v.ips.join(','),
          [v.autostart ? 'autostart' : '', v.locked ? 'locked' : '', v.persistent ? '' : 'transient', v.stale ? 'STALE' : '']
            .filter(Boolean)
            .join(','),
          v.stale ? ago(v.lastSeen) : 'now',
        ]),
      );
    return 0;
  }
  if (sub === undefined) throw new UsageError('usage: virtdeck vm list|start|shutdown|reboot|destroy|suspend|resume|save|lock|unlock|delete|xml ...');
  const spec: Record<string, FlagSpec> = sub === 'delete' ? { 'with-storage': {} } : sub === 'xml' ? { inactive: {} } : {};
  const args = parseArgs(rest, spec);
  const [refText] = args.positionals;
  if (!refText || args.positionals.length !== 1) throw new UsageError(`usage: virtdeck vm ${sub} HOST/VM`);
  const ref = parseVmRef(refText);
  core.hostRegistry.config(ref.host);
  await core.hostRegistry.connectAll([ref.host]);
  if (sub === 'lock' || sub === 'unlock') {
    core.vms.setLocked(ref, sub === 'lock');
    out.stderr(`${sub}ed ${ref.host}/${ref.vm}\n`);
    return 0;
  }
  if (sub === 'delete') {
    const result = await core.vms.delete(ref, args.has('with-storage'));
    out.stderr(
      `deleted ${ref.host}/${ref.vm}` +
        (result.deletedVolumes.length ? `; removed ${result.deletedVolumes.join(', ')}` : '') +
        (result.keptVolumes.length ? `; kept ${result.keptVolumes.join(', ')} (no libvirt volumes)` : '') +
        '\n',
    );
    return 0;
  }
  if (sub === 'xml') {
    out.stdout(`${await core.vms.xml(ref, args.has('inactive'))}\n`);
    return 0;
  }
  const action = LIFECYCLE[sub];
  if (!action) throw new UsageError(`unknown vm command "${sub}"`);
  await core.vms.action(ref, action);
  const vm = core.vms.get(ref);
  out.stderr(`${ref.host}/${vm.name}: ${vm.state}\n`);
  return 0;
}
