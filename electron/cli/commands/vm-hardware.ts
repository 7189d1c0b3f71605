// virtdeck vm set|disk attach|disk detach|cdrom insert|eject|nic add|set|rm|link|boot|devices|autostart|rename
import { BOOT_DEVICES, waitsForRestart, type BootDevice, type DiskBus, type HwChangeResult, type HwPart, type NicModel } from '../../../shared/model/hardware.js';
import { parseSize } from '../../core/storage/sizes.js';
import { UsageError, parseRef } from '../args.js';
import type { ParsedArgs, Run } from '../table/types.js';
import { vmTarget } from './common.js';
import { parseCpus, parseMemoryMiB } from './flavor.js';

const PART_WORDS: Record<HwPart, string> = {
  vcpus: 'vCPUs',
  'max-vcpus': 'maximum vCPUs',
  memory: 'memory',
  'max-memory': 'maximum memory',
  disk: 'disk',
  cdrom: 'CD-ROM media',
  nic: 'network interface',
  'nic-link': 'link state',
  'nic-source': 'network of the interface',
  boot: 'boot order',
  graphics: 'graphics and video',
  serial: 'serial console',
  agent: 'guest agent channel',
  clipboard: 'clipboard channel',
};

const words = (parts: HwPart[]): string => parts.map((p) => PART_WORDS[p]).join(', ');

/** One line on what applies now and what at the next boot. */
export function describeChange(what: string, r: HwChangeResult): string {
  const later = waitsForRestart(r);
  const lines = [`${what}:`];
  if (r.live.length) lines.push(` now: ${words(r.live)};`);
  if (r.running && later.length) lines.push(` after a restart: ${words(later)}`);
  else if (!r.running && r.config.length) lines.push(` at the next start: ${words(r.config)}`);
  return `${lines.join('').replace(/;$/, '')}\n`;
}

const scopeOf = (args: ParsedArgs) => ({
  ...(args.has('live') ? { live: true } : {}),
  ...(args.has('config') ? { config: true } : {}),
});

const parseVol = (text: string | undefined) => {
  const { pool, vol } = parseRef(text, 'pool', 'vol');
  return { pool, volume: vol };
};

export const set: Run = async (ctx, args) => {
  const { door, ref } = await vmTarget(ctx, args);
  const asked = {
    ...(args.has('cpus') ? { vcpus: parseCpus(args.get('cpus') as string) } : {}),
    ...(args.has('max-cpus') ? { maxVcpus: parseCpus(args.get('max-cpus') as string) } : {}),
    ...(args.has('memory') ? { memoryMiB: parseMemoryMiB(args.get('memory') as string) } : {}),
    ...(args.has('max-memory') ? { maxMemoryMiB: parseMemoryMiB(args.get('max-memory') as string) } : {}),
  };
  if (Object.keys(asked).length === 0) throw new UsageError('give at least one of --cpus, --max-cpus, --memory, --max-memory');
  const r = await door.call('vms.setResources', { ref, ...asked, ...scopeOf(args) });
  ctx.out.stderr(describeChange(`${ref.host}/${ref.vm}`, r));
  return 0;
};

export const diskAttach: Run = async (ctx, args) => {
  const volume = args.get('volume');
  const size = args.get('size');
  if ((volume === undefined) === (size === undefined)) throw new UsageError('give --volume POOL/VOL or --size SIZE (one of them)');
  if (volume !== undefined && (args.has('pool') || args.has('format'))) throw new UsageError('--pool and --format are for a new volume (--size)');
  const { door, ref } = await vmTarget(ctx, args);
  const source =
    volume !== undefined
      ? { volume: parseVol(volume) }
      : {
          newVolume: {
            sizeBytes: parseSize(size as string),
            ...(args.has('pool') ? { pool: args.get('pool') as string } : {}),
            ...(args.has('format') ? { format: args.get('format') as 'qcow2' | 'raw' } : {}),
          },
        };
  const r = await door.call('vms.attachDisk', {
    ref,
    ...source,
    ...(args.has('bus') ? { bus: args.get('bus') as DiskBus } : {}),
    ...(args.has('target') ? { target: args.get('target') as string } : {}),
    ...scopeOf(args),
  });
  ctx.out.stdout(`${r.target}\n`);
  ctx.out.stderr(describeChange(`${ref.host}/${ref.vm}: attached ${r.target}`, r));
  return 0;
};

export const diskDetach: Run = async (ctx, args) => {
  const { door, ref } = await vmTarget(ctx, args);
  const target = args.positionals[1] as string;
  const r = await door.call('vms.detachDisk', { ref, target, deleteVolume: args.has('delete-volume'), ...scopeOf(args) });
  ctx.out.stderr(describeChange(`${ref.host}/${ref.vm}: detached ${target}`, r));
  return 0;
};

export const cdrom: Run = async (ctx, args) => {
  const bootDisk = args.has('boot-disk');
  if (bootDisk && (args.has('live') || args.has('config'))) throw new UsageError('--boot-disk changes the running VM and its definition: drop --live/--config');
  const { door, ref } = await vmTarget(ctx, args);
  const volume = args.command === 'insert' ? parseVol(args.positionals[1]) : null;
  const r = await door.call('vms.setCdrom', {
    ref,
    volume,
    ...(args.has('target') ? { target: args.get('target') as string } : {}),
    ...(bootDisk ? { bootDisk } : scopeOf(args)),
  });
  ctx.out.stderr(describeChange(`${ref.host}/${ref.vm}: ${volume ? `inserted ${volume.pool}/${volume.volume}` : bootDisk ? 'ejected; boots from its disk' : 'ejected'}`, r));
  return 0;
};

/** --network NET or --bridge BR, exactly one. */
function nicSourceArgs(args: ParsedArgs): { network: string } | { bridge: string } {
  const network = args.get('network');
  const bridge = args.get('bridge');
  if ((network === undefined) === (bridge === undefined)) throw new UsageError('give --network NET or --bridge BR (one of them)');
  return network !== undefined ? { network } : { bridge: bridge as string };
}

export const nicAdd: Run = async (ctx, args) => {
  const source = nicSourceArgs(args);
  if ('bridge' in source && args.has('ip')) throw new UsageError('--ip takes an address of a network with IPAM; a bridge has none');
  const { door, ref } = await vmTarget(ctx, args);
  const r = await door.call('vms.addNic', {
    ref,
    ...source,
    ...(args.has('model') ? { model: args.get('model') as NicModel } : {}),
    ...(args.has('mac') ? { mac: args.get('mac') as string } : {}),
    ...(args.has('ip') ? { ip: args.get('ip') as string } : {}),
    ...scopeOf(args),
  });
  ctx.out.stdout(`${r.mac}${r.ip ? ` ${r.ip}` : ''}\n`);
  ctx.out.stderr(describeChange(`${ref.host}/${ref.vm}: added ${r.mac}${r.ip ? ` holding ${r.ip}` : ''}`, r));
  return 0;
};

export const nicRemove: Run = async (ctx, args) => {
  const { door, ref } = await vmTarget(ctx, args);
  const mac = args.positionals[1] as string;
  const r = await door.call('vms.removeNic', { ref, mac, ...scopeOf(args) });
  ctx.out.stderr(describeChange(`${ref.host}/${ref.vm}: removed ${mac}`, r));
  return 0;
};

export const nicSet: Run = async (ctx, args) => {
  const source = nicSourceArgs(args);
  const { door, ref } = await vmTarget(ctx, args);
  const mac = args.positionals[1] as string;
  const r = await door.call('vms.moveNic', { ref, mac, ...source, ...scopeOf(args) });
  const to = 'network' in source ? `network ${source.network}` : `bridge ${source.bridge}`;
  if (r.ip) ctx.out.stdout(`${r.ip}\n`);
  ctx.out.stderr(describeChange(`${ref.host}/${ref.vm}: ${mac} on ${to}${r.ip ? ` holding ${r.ip}` : ''}`, r));
  return 0;
};

export const nicLink: Run = async (ctx, args) => {
  const { door, ref } = await vmTarget(ctx, args);
  const mac = args.positionals[1] as string;
  const up = args.positionals[2] === 'up';
  const r = await door.call('vms.setNicLink', { ref, mac, up, ...scopeOf(args) });
  ctx.out.stderr(describeChange(`${ref.host}/${ref.vm}: link of ${mac} ${up ? 'up' : 'down'}`, r));
  return 0;
};

export const boot: Run = async (ctx, args) => {
  const order = args.get('order');
  const perDevice = args.get('devices');
  const menu = args.get('menu');
  if (order === undefined && perDevice === undefined && menu === undefined) throw new UsageError('give --order or --devices, and/or --menu');
  if (order !== undefined && perDevice !== undefined) throw new UsageError('give --order or --devices, not both');
  const kinds = order?.split(',').map((d) => d.trim());
  const bad = kinds?.find((d) => !(BOOT_DEVICES as readonly string[]).includes(d));
  if (bad !== undefined) throw new UsageError(`--order: "${bad}" is not one of ${BOOT_DEVICES.join(', ')}`);
  const { door, ref } = await vmTarget(ctx, args);
  const r = await door.call('vms.setBoot', {
    ref,
    ...(kinds ? { order: kinds as BootDevice[] } : {}),
    ...(perDevice !== undefined ? { deviceOrder: perDevice.split(',').map((d) => d.trim()) } : {}),
    ...(menu !== undefined ? { menu: menu === 'on' } : {}),
  });
  ctx.out.stderr(describeChange(`${ref.host}/${ref.vm}`, r));
  return 0;
};

export const devices: Run = async (ctx, args) => {
  const onOff = (name: string) => (args.has(name) ? { [name]: args.get(name) === 'on' } : {});
  const asked = {
    ...(args.has('graphics') ? { graphics: args.get('graphics') as 'vnc' | 'none' } : {}),
    ...onOff('serial'),
    ...onOff('agent'),
    ...onOff('clipboard'),
  };
  if (Object.keys(asked).length === 0) throw new UsageError('give at least one of --graphics, --serial, --agent, --clipboard');
  const { door, ref } = await vmTarget(ctx, args);
  const r = await door.call('vms.setDevices', { ref, ...asked, ...scopeOf(args) });
  ctx.out.stderr(r.config.length || r.live.length ? describeChange(`${ref.host}/${ref.vm}`, r) : `${ref.host}/${ref.vm}: already so, nothing changed\n`);
  return 0;
};

export const autostart: Run = async (ctx, args) => {
  const { door, ref } = await vmTarget(ctx, args);
  const on = !args.has('off');
  await door.call('vms.setAutostart', { ref, autostart: on });
  ctx.out.stderr(`${ref.host}/${ref.vm}: autostart ${on ? 'on' : 'off'}\n`);
  return 0;
};

export const rename: Run = async (ctx, args) => {
  const { door, ref } = await vmTarget(ctx, args);
  const newName = args.positionals[1] as string;
  await door.call('vms.rename', { ref, newName });
  ctx.out.stderr(`renamed ${ref.host}/${ref.vm} to ${newName}\n`);
  return 0;
};
