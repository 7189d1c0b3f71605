// virtdeck image add|list|known|rm
import { existsSync } from 'node:fs';
import type { ImageInfo } from '../../../shared/model/instance.js';
import type { Core } from '../../core/core.js';
import { formatSize } from '../../core/storage/sizes.js';
import { parseArgs, UsageError } from '../args.js';
import { type Out, printJson, printTable } from '../output.js';
import { connectHost } from './pool.js';
import { showTaskProgress } from './task-progress.js';
import { listCommand } from '../list-command.js';

const USAGE = `usage: virtdeck image add HOST FILE|URL|POOL/VOL [--name NAME] [--sha256 HEX] [--pool POOL] [--user DEFAULT_USER] [--json]
         FILE is uploaded, URL is downloaded by the host (curl/wget), POOL/VOL registers a volume as it is
       virtdeck image list [--host NAME] [--json]
       virtdeck image known [--json]                       common cloud images and their default users
       virtdeck image rm HOST/NAME [--delete-volume]`;

const size = (n: number | null): string => (n === null ? '?' : formatSize(n));

function imageRow(i: ImageInfo): string[] {
  return [i.host, i.name, `${i.pool}/${i.volume}`, i.format ?? '?', size(i.virtualSize), size(i.sizeOnDisk), i.defaultUser ?? '-', i.sha256?.slice(0, 12) ?? '-'];
}

export async function imageCommand(core: Core, argv: string[], out: Out): Promise<number> {
  const [sub, ...rest] = argv;
  switch (sub) {
    case 'add': {
      const args = parseArgs(rest, { name: { value: true }, sha256: { value: true }, pool: { value: true }, user: { value: true }, json: {} });
      const [host, source] = args.positionals;
      if (!host || !source || args.positionals.length !== 2) throw new UsageError(USAGE);
      await connectHost(core, host);
      const opts = {
        ...(args.get('name') ? { name: args.get('name') as string } : {}),
        ...(args.get('sha256') ? { sha256: args.get('sha256') as string } : {}),
        ...(args.get('pool') ? { pool: args.get('pool') as string } : {}),
        ...(args.get('user') ? { defaultUser: args.get('user') as string } : {}),
      };
      let image: ImageInfo;
      let rate = '';
      if (/^(https?|ftp):\/\//i.test(source) || existsSync(source)) {
        const stop = showTaskProgress(core, out);
        try {
          const r = /^(https?|ftp):\/\//i.test(source) ? await core.images.addUrl(host, source, opts) : await core.images.addFile(host, source, opts);
          image = r.image;
          rate = `${formatSize(r.bytes)} in ${(r.ms / 1000).toFixed(2)} s (${(r.bytes / 1048576 / (r.ms / 1000)).toFixed(1)} MiB/s), sha256 ${r.sha256 ?? '?'}`;
        } finally {
          stop();
        }
      } else {
        const m = /^([^/]+)\/([^/]+)$/.exec(source);
        if (!m) throw new UsageError(`${source}: no such local file, and not a URL or POOL/VOL`);
        if (args.has('sha256')) throw new UsageError('--sha256 applies to uploads and downloads, not to adopting a volume');
        image = await core.images.adopt(host, m[1] as string, m[2] as string, opts);
      }
      if (args.has('json')) printJson(out, image);
      out.stderr(`added image ${host}/${image.name}: ${image.format ?? '?'}, virtual ${size(image.virtualSize)}, on disk ${size(image.sizeOnDisk)}${rate ? `; ${rate}` : ''}\n`);
      return 0;
    }
    case 'list':
    case 'ls': {
      return listCommand(core, rest, out, {
        usage: USAGE,
        fetch: (host) => core.images.list(host),
        headers: ['host', 'image', 'volume', 'format', 'virtual', 'on disk', 'user', 'sha256'],
        row: imageRow,
      });
    }
    case 'known': {
      const args = parseArgs(rest, { json: {} });
      const known = core.images.known();
      if (args.has('json')) printJson(out, known);
      else printTable(out, ['id', 'distro', 'release', 'user', 'url'], known.map((k) => [k.id, k.distro, k.release, k.defaultUser, k.url]));
      return 0;
    }
    case 'rm':
    case 'delete': {
      const args = parseArgs(rest, { 'delete-volume': {} });
      const m = /^([^/]+)\/([^/]+)$/.exec(args.positionals[0] ?? '');
      if (!m || args.positionals.length !== 1) throw new UsageError(USAGE);
      if (args.has('delete-volume')) await connectHost(core, m[1] as string);
      await core.images.remove(m[1] as string, m[2] as string, args.has('delete-volume'));
      out.stderr(`removed image ${m[1]}/${m[2]}${args.has('delete-volume') ? ' and its volume' : ' (volume kept)'}\n`);
      return 0;
    }
    default:
      throw new UsageError(USAGE);
  }
}
