// virtdeck vm list|<action>|lock|unlock|delete|xml
import type { VmAction, VmInfo } from '../../../shared/model/vm.js';
import { UsageError } from '../args.js';
import { errorWords } from '../error-words.js';
import { ago, printJson, printTable } from '../output.js';
import type { Run } from '../table/types.js';
import { connect, vmTarget } from './common.js';

/** The documented JSON shape of `vm list --json`. */
function vmListJson(vm: VmInfo): Record<string, unknown> {
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

function flags(v: VmInfo): string {
  return [v.autostart ? 'autostart' : '', v.locked ? 'locked' : '', v.persistent ? '' : 'transient', v.stale ? 'STALE' : '']
    .filter(Boolean)
    .join(',');
}

export const list: Run = async (ctx, args) => {
  const door = await ctx.door({ watch: false });
  const host = args.get('host');
  for (const h of await connect(door, host)) {
    if (h.status !== 'online') {
      ctx.out.stderr(`virtdeck: warning: host ${h.name} is ${h.status}${h.lastError ? ` (${errorWords(h.lastError)})` : ''}; its VMs are shown as last seen\n`);
    }
  }
  const vms = await door.call('vms.list', host ? { host } : {});
  if (args.has('json')) printJson(ctx.out, vms.map(vmListJson));
  else {
    printTable(
      ctx.out,
      ['host', 'name', 'state', 'vcpus', 'memory', 'ips', 'flags', 'last seen'],
      vms.map((v) => [v.host, v.name, v.state, String(v.vcpus), `${v.memoryMiB} MiB`, v.ips.join(','), flags(v), v.stale ? ago(v.lastSeen) : 'now']),
    );
  }
  return 0;
};

/** start, shutdown, reboot, …: the command's own name is the action. */
export const action: Run = async (ctx, args) => {
  const { door, ref } = await vmTarget(ctx, args);
  const wait = args.command === 'shutdown' ? args.get('wait') : undefined;
  if (wait !== undefined && !/^[1-9][0-9]{0,3}$/.test(wait)) throw new UsageError('--wait takes whole seconds (1-3600)');
  await door.call('vms.action', { ref, action: args.command as VmAction, ...(wait ? { waitSec: Number(wait) } : {}) });
  const vm = (await door.call('vms.list', { host: ref.host })).find((v) => v.name === ref.vm || v.uuid === ref.vm);
  ctx.out.stderr(`${ref.host}/${vm?.name ?? ref.vm}: ${vm?.state ?? 'gone'}\n`);
  return 0;
};

export const lock: Run = async (ctx, args) => {
  const { door, ref } = await vmTarget(ctx, args);
  await door.call('vms.setLocked', { ref, locked: args.command === 'lock' });
  ctx.out.stderr(`${args.command}ed ${ref.host}/${ref.vm}\n`);
  return 0;
};

export const remove: Run = async (ctx, args) => {
  const { door, ref } = await vmTarget(ctx, args);
  const result = await door.call('vms.delete', { ref, withStorage: args.has('with-storage') });
  ctx.out.stderr(
    `deleted ${ref.host}/${ref.vm}` +
      (result.deletedVolumes.length ? `; removed ${result.deletedVolumes.join(', ')}` : '') +
      (result.keptVolumes.length ? `; kept ${result.keptVolumes.join(', ')} (no libvirt volumes)` : '') +
      '\n',
  );
  return 0;
};

export const xml: Run = async (ctx, args) => {
  const { door, ref } = await vmTarget(ctx, args);
  ctx.out.stdout(`${await door.call('vms.xml', { ref, inactive: args.has('inactive') })}\n`);
  return 0;
};
