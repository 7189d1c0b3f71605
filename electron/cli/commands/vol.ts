// virtdeck vol list|create|clone|resize|upload|download|delete
import type { TaskInfo, TaskOp } from '../../../shared/model/task.js';
import type { Core } from '../../core/core.js';
import { formatSize, parseSize } from '../../core/storage/sizes.js';
import { PREALLOCATIONS, VOLUME_FORMATS, type Preallocation, type VolumeFormat } from '../../core/storage/volume-spec.js';
import type { VolumeInfo } from '../../../shared/model/storage.js';
import { parseArgs, parseRef, UsageError } from '../args.js';
import { errorWords } from '../error-words.js';
import { type Out, printJson, printTable } from '../output.js';
import { connectHost, parsePoolRef } from './pool.js';

const USAGE = `usage: virtdeck vol list HOST/POOL [--json]
       virtdeck vol create HOST/POOL NAME --size SIZE [--format qcow2|raw] [--prealloc off|metadata|full]
                [--backing VOL|PATH] [--overcommit]          (SIZE: 10G, 512M, 1.5T, 20GB, bytes)
       virtdeck vol clone HOST/POOL/VOL NEWNAME
       virtdeck vol resize HOST/POOL/VOL SIZE [--shrink] [--overcommit]
       virtdeck vol upload HOST/POOL/VOL FILE               (creates VOL when missing)
       virtdeck vol download HOST/POOL/VOL FILE
       virtdeck vol delete HOST/POOL/VOL`;

const parseVolRef = (text: string | undefined) => parseRef(text, 'host', 'pool', 'vol');

function oneOf<T extends string>(flag: string, value: string | undefined, values: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!values.includes(value as T)) throw new UsageError(`--${flag} must be one of ${values.join(', ')}`);
  return value as T;
}

function describe(v: VolumeInfo): string {
  return `${v.host}/${v.pool}/${v.name}: ${v.format ?? v.type}, ${formatSize(v.capacity)} (${formatSize(v.allocation)} allocated)`;
}

/** Task progress of one running transfer on stderr, at most every 10 %. */
function showProgress(core: Core, out: Out, op: TaskOp): () => void {
  let shown = -1;
  return core.onEvent((e) => {
    if (e.type !== 'task' || e.task.op !== op || e.task.state !== 'running') return;
    const t: TaskInfo = e.task;
    const tenth = Math.floor((t.progress ?? 0) * 10);
    if (tenth === shown) return;
    shown = tenth;
    out.stderr(`${Math.round((t.progress ?? 0) * 100)}% ${t.message ? errorWords(t.message) : ''}\n`);
  });
}

export async function volCommand(core: Core, argv: string[], out: Out): Promise<number> {
  const [sub, ...rest] = argv;
  const s = core.storage;
  switch (sub) {
    case 'list':
    case 'ls': {
      const args = parseArgs(rest, { json: {} });
      if (args.positionals.length !== 1) throw new UsageError(USAGE);
      const { host, pool } = parsePoolRef(args.positionals[0]);
      await connectHost(core, host);
      const vols = await s.volumes.list(host, pool);
      if (args.has('json')) printJson(out, vols);
      else
        printTable(
          out,
          ['name', 'format', 'capacity', 'allocation', 'path', 'backing chain'],
          vols.map((v) => [v.name, v.format ?? v.type, formatSize(v.capacity), formatSize(v.allocation), v.path, v.backingChain.join(' → ')]),
        );
      return 0;
    }
    case 'create': {
      const args = parseArgs(rest, { size: { value: true }, format: { value: true }, prealloc: { value: true }, backing: { value: true }, overcommit: {} });
      const [ref, name] = args.positionals;
      if (!ref || !name || args.positionals.length !== 2) throw new UsageError(USAGE);
      const { host, pool } = parsePoolRef(ref);
      const size = args.get('size');
      if (size === undefined && !args.has('backing')) throw new UsageError('vol create needs --size (e.g. --size 10G)');
      const format = oneOf<VolumeFormat>('format', args.get('format'), VOLUME_FORMATS);
      const preallocation = oneOf<Preallocation>('prealloc', args.get('prealloc'), PREALLOCATIONS);
      const backing = args.get('backing');
      const capacity = size === undefined ? undefined : parseSize(size);
      await connectHost(core, host);
      const v = await s.volumes.create(host, pool, {
        name,
        ...(capacity !== undefined ? { capacity } : {}),
        ...(format ? { format } : {}),
        ...(preallocation ? { preallocation } : {}),
        ...(backing ? { backing } : {}),
        overcommit: args.has('overcommit'),
      });
      out.stderr(`created ${describe(v)}${v.backingChain.length ? `, backed by ${v.backingChain.join(' → ')}` : ''}\n`);
      return 0;
    }
    case 'clone': {
      const args = parseArgs(rest, {});
      const [ref, newName] = args.positionals;
      if (!newName || args.positionals.length !== 2) throw new UsageError(USAGE);
      const { host, pool, vol } = parseVolRef(ref);
      await connectHost(core, host);
      out.stderr(`created ${describe(await s.volumes.clone(host, pool, vol, newName))}\n`);
      return 0;
    }
    case 'resize': {
      const args = parseArgs(rest, { shrink: {}, overcommit: {} });
      const [ref, size] = args.positionals;
      if (!size || args.positionals.length !== 2) throw new UsageError(USAGE);
      const { host, pool, vol } = parseVolRef(ref);
      const capacity = parseSize(size);
      await connectHost(core, host);
      const v = await s.volumes.resize(host, pool, vol, capacity, { shrink: args.has('shrink'), overcommit: args.has('overcommit') });
      out.stderr(`resized ${describe(v)}\n`);
      return 0;
    }
    case 'upload':
    case 'download': {
      const args = parseArgs(rest, { json: {} });
      const [ref, file] = args.positionals;
      if (!file || args.positionals.length !== 2) throw new UsageError(USAGE);
      const { host, pool, vol } = parseVolRef(ref);
      await connectHost(core, host);
      const stop = showProgress(core, out, `volume.${sub}`);
      try {
        const r = sub === 'upload' ? await s.transfers.upload(host, pool, vol, file) : await s.transfers.download(host, pool, vol, file);
        const rate = r.ms > 0 ? `${(r.bytes / 1048576 / (r.ms / 1000)).toFixed(1)} MiB/s` : '';
        if (args.has('json')) printJson(out, { host, pool, volume: vol, file, ...r });
        else out.stdout(`${r.sha256}  ${file}\n`);
        out.stderr(`${sub}ed ${formatSize(r.bytes)} in ${(r.ms / 1000).toFixed(2)} s ${rate}; sha256 ${r.sha256}\n`);
      } finally {
        stop();
      }
      return 0;
    }
    case 'delete':
    case 'rm': {
      const args = parseArgs(rest, {});
      if (args.positionals.length !== 1) throw new UsageError(USAGE);
      const { host, pool, vol } = parseVolRef(args.positionals[0]);
      await connectHost(core, host);
      await s.volumes.delete(host, pool, vol);
      out.stderr(`deleted ${host}/${pool}/${vol}\n`);
      return 0;
    }
    default:
      throw new UsageError(USAGE);
  }
}
