// virtdeck vm create, host caps, os list: New VM from an ISO, a disk, the network or nothing.
import { isMediaUrl, type Firmware, type VirtType, type VmCreateSpec, type VmSource, type VolumeRef } from '../../../shared/model/new-vm.js';
import { formatSize, parseSize } from '../../core/storage/sizes.js';
import { UsageError } from '../args.js';
import { errorWords } from '../error-words.js';
import { printJson, printTable } from '../output.js';
import { withProgress } from '../progress.js';
import type { ParsedArgs, Run } from '../table/types.js';
import { connect, doorTo } from './common.js';
import { parseCpus, parseMemoryMiB } from './flavor.js';

const SOURCES = ['cdrom', 'import', 'pxe', 'no-media'] as const;

function volumeRef(text: string, flag: string): VolumeRef {
  const m = /^([^/]+)\/([^/]+)$/.exec(text);
  if (!m) throw new UsageError(`--${flag} takes POOL/VOLUME, got "${text}"`);
  return { pool: m[1]!, volume: m[2]! };
}

/** Exactly one of --cdrom, --import, --pxe, --no-media. --import takes POOL/VOL or an absolute path on the host. */
export function sourceOf(args: ParsedArgs): VmSource {
  const given = SOURCES.filter((s) => args.has(s));
  if (given.length !== 1) throw new UsageError('give exactly one of --cdrom POOL/VOL|URL, --import POOL/VOL|PATH, --pxe, --no-media');
  const value = args.get(given[0]!);
  const isUrl = given[0] === 'cdrom' && isMediaUrl(value!);
  const sha256 = args.get('sha256');
  if (sha256 !== undefined && !isUrl) throw new UsageError('--sha256 checks a download: it goes with --cdrom URL');
  const convert = args.get('convert') as 'qcow2' | undefined;
  if (convert !== undefined && given[0] !== 'import') throw new UsageError('--convert goes with --import');
  switch (given[0]) {
    case 'cdrom':
      return isUrl ? { kind: 'cdrom', url: value!, ...(sha256 === undefined ? {} : { sha256 }) } : { kind: 'cdrom', iso: volumeRef(value!, 'cdrom') };
    case 'import':
      return {
        kind: 'import',
        ...(value!.startsWith('/') ? { path: value! } : { disk: volumeRef(value!, 'import') }),
        ...(convert === undefined ? {} : { convert }),
      };
    case 'pxe':
      return { kind: 'pxe' };
    default:
      return { kind: 'none' };
  }
}

export function createSpec(args: ParsedArgs): VmCreateSpec {
  const [host, name] = args.positionals as [string, string];
  const opt = <K extends keyof VmCreateSpec>(key: K, value: VmCreateSpec[K] | undefined): Partial<VmCreateSpec> => (value === undefined ? {} : { [key]: value });
  const cpus = args.get('cpus');
  const memory = args.get('memory');
  const disk = args.get('disk');
  const drivers = args.get('drivers');
  return {
    host, name, source: sourceOf(args),
    ...opt('os', args.get('os')),
    ...opt('vcpus', cpus === undefined ? undefined : parseCpus(cpus)),
    ...opt('memoryMiB', memory === undefined ? undefined : parseMemoryMiB(memory)),
    ...opt('diskBytes', disk === undefined ? undefined : disk === '0' ? 0 : parseSize(disk)),
    ...opt('pool', args.get('pool')),
    ...opt('networks', args.has('network') ? args.all('network') : undefined),
    ...opt('firmware', args.get('firmware') as Firmware | undefined),
    ...opt('tpm', args.has('tpm') ? true : undefined),
    ...opt('virtType', args.get('virt-type') as VirtType | undefined),
    ...opt('drivers', drivers === undefined ? undefined : volumeRef(drivers, 'drivers')),
    ...opt('start', args.has('start') ? true : undefined),
  };
}

export const create: Run = async (ctx, args) => {
  const spec = createSpec(args);
  const door = await ctx.door();
  await connect(door, spec.host);
  if (args.has('check')) {
    const v = await door.call('newVm.validate', { spec });
    if (args.has('json')) printJson(ctx.out, v);
    for (const w of v.warnings) ctx.out.stderr(`warning: ${errorWords(w)}\n`);
    for (const e of v.errors) ctx.out.stderr(`error: ${errorWords(e)}\n`);
    if (v.plan && !args.has('json')) ctx.out.stdout(`${v.plan.domainXml}\n`);
    return v.ok ? 0 : 1;
  }
  const r = await withProgress(ctx.out, (watch) => door.call('newVm.create', { spec }, watch));
  if (args.has('json')) printJson(ctx.out, r);
  for (const w of r.warnings) ctx.out.stderr(`warning: ${errorWords(w)}\n`);
  ctx.out.stderr(`created ${r.host}/${r.name}${r.createdVolumes.length ? ` with ${r.createdVolumes.join(', ')}` : ''}${r.started ? '; started' : ''}\n`);
  return 0;
};

const yes = (b: boolean): string => (b ? 'yes' : 'no');

export const caps: Run = async (ctx, args) => {
  const host = args.positionals[0] as string;
  const c = await (await doorTo(ctx, host)).call('newVm.caps', { host });
  if (args.has('json')) {
    printJson(ctx.out, c);
    return 0;
  }
  printTable(ctx.out, ['what', 'value'], [
    ['virt types', c.virtTypes.join(', ')],
    ['BIOS', yes(c.firmware.bios)],
    ['UEFI', c.firmware.uefi ? 'yes' : 'no (apt install ovmf)'],
    ['Secure Boot', c.firmware.secureBoot ? 'yes' : 'no (apt install ovmf)'],
    ['TPM 2.0', c.tpm.supported && c.tpm.backends.includes('emulator') && c.tpm.versions.includes('2.0') ? `yes (${c.tpm.models.join(', ')})` : 'no (apt install swtpm swtpm-tools)'],
    ['machines', c.machines.join(' ')],
    [`CPU models (${c.virtType})`, c.cpuModels.join(' ') || '-'],
    ['CPU modes', c.cpuModes.join(', ')],
  ]);
  return 0;
};

export const osList: Run = async (ctx, args) => {
  const host = args.get('host');
  const door = host === undefined ? await ctx.door() : await doorTo(ctx, host);
  const r = await door.call('newVm.osList', host === undefined ? {} : { host });
  if (args.has('json')) {
    printJson(ctx.out, r);
    return 0;
  }
  printTable(ctx.out, ['os', 'firmware', 'tpm', 'bus', 'clock', 'vcpus', 'memory', 'disk'], r.presets.map((p) => [
    p.id, p.firmware, yes(p.tpm), p.family === 'windows' ? 'sata (virtio with --drivers)' : p.bus, p.clock, String(p.vcpus), formatSize(p.memoryMiB * 1048576), formatSize(p.diskBytes),
  ]));
  if (host !== undefined) {
    ctx.out.stderr(r.hostOs === null ? `${host}: no osinfo-query (libosinfo-bin not installed); only the presets above apply\n` : `${host}: libosinfo knows ${r.hostOs.length} OS ids: ${r.hostOs.join(' ')}\n`);
  }
  return 0;
};
