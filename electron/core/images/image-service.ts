// The image library per host: cloud images registered as volumes of a pool (uploaded from this machine,
// downloaded by the host from a URL, or adopted as they are), with format, virtual size and size on disk.
import { basename } from 'node:path';
import type { ImageInfo, KnownImage } from '../../../shared/model/instance.js';
import type { PoolInfo } from '../../../shared/model/storage.js';
import type { Inventory } from '../../inventory/inventory.js';
import type { StoredImage } from '../../inventory/instance-store.js';
import { report } from '../../../shared/model/errors.js';
import { CoreError, errorReport } from '../errors.js';
import type { HostRegistry } from '../hosts/host-registry.js';
import { checkName } from '../storage/names.js';
import { FILE_POOL_TYPES } from '../storage/volume-file.js';
import type { StorageService } from '../storage/storage-service.js';
import type { TaskContext, TaskService } from '../tasks/task-service.js';
import { hostExec, hostRun } from '../hosts/host-exec.js';
import { partFile, removeStaleParts } from './part-files.js';
import { KNOWN_IMAGES, knownImageFor } from './known-images.js';
import { parseImageUrl, type ImageUrl } from './image-url.js';

export interface ImageAddOptions {
  /** Library name; default: the file name without its extension. */
  name?: string;
  /** Pool that receives the volume; default "default". */
  pool?: string;
  /** Expected SHA-256 (hex); a mismatch deletes what was transferred. */
  sha256?: string;
  defaultUser?: string;
}

export interface ImageAdded {
  image: ImageInfo;
  bytes: number;
  ms: number;
  sha256: string | null;
}

const DEFAULT_POOL = 'default';
/** Prints its pid, then becomes the downloader (so a cancel can kill it). $1 = output file, $2 = URL. */
const DOWNLOAD_SCRIPT =
  'echo $$; if command -v curl >/dev/null 2>&1; then exec curl -fsSL -o "$1" "$2"; else exec wget -q -O "$1" "$2"; fi';
const POLL_MS = 1000;

export class ImageService {
  /** Parts of downloads that ended while their host was unreachable, for the next sweep. */
  private readonly endedParts = new Map<string, Set<string>>();

  constructor(
    private readonly inventory: Inventory,
    private readonly hosts: HostRegistry,
    private readonly storage: StorageService,
    private readonly tasks: TaskService,
  ) {}

  /** A host is (back) online: what dead downloads left there goes, in the background (best effort). */
  hostOnline(host: string): void {
    // After the registry has the session: a host being added reports online before it is registered.
    setImmediate(() => void this.removeLeftovers(host).catch(() => undefined));
  }

  /**
   * Removes what dead downloads left in the host's running file pools (or just in `pool`): on each connect and
   * before each download. Returns the files removed.
   */
  async removeLeftovers(host: string, pool?: string): Promise<string[]> {
    const pools = (await this.storage.pools.list(host)).filter(
      (p) => FILE_POOL_TYPES.has(p.type) && p.state === 'running' && p.targetPath && (pool === undefined || p.name === pool),
    );
    const dir = (p: PoolInfo): string => (p.targetPath ?? '').replace(/\/+$/, '');
    const ended = this.endedParts.get(host) ?? new Set<string>();
    const removed = await removeStaleParts(this.hosts.get(host), pools.map(dir), ended);
    for (const p of removed) ended.delete(p);
    // libvirt lists a file it saw at the last refresh until the next one.
    for (const p of pools.filter((p) => removed.some((f) => f.startsWith(`${dir(p)}/`)))) await this.storage.pools.refresh(host, p.name);
    return removed;
  }

  known(): readonly KnownImage[] {
    return KNOWN_IMAGES;
  }

  /** Registered images; live volume facts for online hosts (null fields otherwise). */
  async list(host?: string): Promise<ImageInfo[]> {
    if (host) this.hosts.config(host);
    return Promise.all(this.inventory.instances.listImages(host).map((img) => this.withVolume(img)));
  }

  async get(host: string, name: string): Promise<ImageInfo> {
    this.hosts.config(host);
    const img = this.inventory.instances.getImage(host, name);
    if (!img) throw this.notFound(host, name);
    const info = await this.withVolume(img);
    if (info.path === null && this.hosts.isOnline(host)) {
      throw new CoreError('image.volume-missing', { host, name, pool: img.pool, volume: img.volume });
    }
    return info;
  }

  /** Uploads a local image file into a new volume (task with progress), checks the SHA-256, registers it. */
  async addFile(host: string, file: string, opts: ImageAddOptions = {}): Promise<ImageAdded> {
    const { name, pool, volume, expected } = await this.prepare(host, file, opts);
    const r = await this.storage.transfers.upload(host, pool, volume, file);
    if (expected && r.sha256 !== expected) {
      await this.storage.volumes.delete(host, pool, volume).catch(() => undefined);
      throw new CoreError('image.checksum-mismatch', { source: file, expected, actual: r.sha256 });
    }
    const image = await this.register(host, { name, pool, volume, sha256: r.sha256, source: `upload ${file}`, hint: file, defaultUser: opts.defaultUser });
    return { image, bytes: r.bytes, ms: r.ms, sha256: r.sha256 };
  }

  /** The host downloads the URL into the pool (curl or wget), progress by file size, SHA-256 with sha256sum. */
  async addUrl(host: string, url: string, opts: ImageAddOptions = {}): Promise<ImageAdded> {
    const { href, shown } = parseImageUrl(url);
    const { name, pool, volume, expected } = await this.prepare(host, new URL(href).pathname, opts);
    const poolInfo = await this.storage.pools.get(host, pool);
    if (!FILE_POOL_TYPES.has(poolInfo.type) || !poolInfo.targetPath) {
      throw new CoreError('image.pool-not-dir', { host, pool, type: poolInfo.type });
    }
    const dest = `${poolInfo.targetPath.replace(/\/+$/, '')}/${volume}`;
    const part = partFile(dest);
    const session = this.hosts.get(host);
    await this.removeLeftovers(host, pool);
    const t0 = performance.now();
    const result = await this.tasks.run(
      { op: 'image.download', args: { url: shown, pool, volume }, host, cancellable: true, steps: ['download', 'verify', 'register'] },
      async (ctx) => {
        try {
          const bytes = await ctx.step('download', () => this.download(host, { href, shown }, part, ctx));
          const sha256 = await ctx.step('verify', async () => {
            const sum = (await hostRun(session, 'image.checksum-failed', ['sha256sum', '--', part])).split(/\s/)[0] ?? '';
            if (expected && sum !== expected) throw new CoreError('image.checksum-mismatch', { source: shown, expected, actual: sum });
            return sum;
          });
          await ctx.step('register', () => hostRun(session, 'image.move-failed', ['mv', '-n', '--', part, dest]));
          return { bytes, sha256 };
        } catch (err) {
          // Over a dropped connection the part stays: the next sweep of this host removes it.
          const rm = await hostExec(session, ['rm', '-f', '--', part]).catch(() => null);
          if (rm?.code !== 0) this.endedParts.set(host, (this.endedParts.get(host) ?? new Set()).add(part));
          throw err;
        }
      },
    );
    await this.storage.pools.refresh(host, pool);
    const image = await this.register(host, { name, pool, volume, sha256: result.sha256, source: `url ${shown}`, hint: shown, defaultUser: opts.defaultUser }).catch(
      async (err: unknown) => {
        await this.storage.volumes.delete(host, pool, volume).catch(() => undefined);
        throw err;
      },
    );
    return { image, bytes: result.bytes, ms: performance.now() - t0, sha256: result.sha256 };
  }

  /** Registers a volume that is already in a pool (nothing is copied). */
  async adopt(host: string, pool: string, volume: string, opts: { name?: string; defaultUser?: string } = {}): Promise<ImageInfo> {
    await this.storage.volumes.get(host, pool, volume);
    const name = opts.name ?? stripExtension(volume);
    checkName(name);
    return this.register(host, { name, pool, volume, sha256: null, source: `volume ${pool}/${volume}`, hint: volume, defaultUser: opts.defaultUser });
  }

  /** Forgets the image; with deleteVolume also deletes its volume (refused while linked clones use it). */
  async remove(host: string, name: string, deleteVolume: boolean): Promise<void> {
    const img = this.inventory.instances.getImage(host, name);
    if (!img) throw this.notFound(host, name);
    if (deleteVolume) await this.storage.volumes.delete(host, img.pool, img.volume);
    this.inventory.instances.removeImage(host, name);
  }

  private async prepare(host: string, source: string, opts: ImageAddOptions): Promise<{ name: string; pool: string; volume: string; expected: string | null }> {
    this.hosts.config(host);
    const expected = opts.sha256?.trim().toLowerCase() ?? null;
    if (expected !== null && !/^[0-9a-f]{64}$/.test(expected)) throw new CoreError('image.bad-sha256', { value: opts.sha256 ?? '' });
    const file = basename(source);
    const name = opts.name ?? stripExtension(file);
    checkName(name);
    if (this.inventory.instances.getImage(host, name)) throw new CoreError('image.exists', { host, name });
    const ext = /\.(qcow2|img|raw|iso)$/i.exec(file)?.[0] ?? '.qcow2';
    const volume = /\.(qcow2|img|raw)$/i.test(name) ? name : `${name}${ext}`;
    checkName(volume);
    const pool = opts.pool ?? DEFAULT_POOL;
    const exists = await this.storage.volumes.get(host, pool, volume).then(() => true, (err: unknown) => {
      if (err instanceof CoreError && err.code === 'volume.not-found') return false;
      throw err;
    });
    if (exists) throw new CoreError('image.volume-exists', { host, pool, volume });
    return { name, pool, volume, expected };
  }

  private async download(host: string, url: ImageUrl, part: string, ctx: TaskContext): Promise<number> {
    const session = this.hosts.get(host);
    const head = await hostExec(session, ['curl', '-fsIL', url.href]).catch(() => null);
    const lengths = [...(head?.stdout ?? '').matchAll(/^content-length:\s*(\d+)/gim)].map((m) => Number(m[1]));
    const total = lengths.at(-1) ?? null;
    const p = await session.transport.spawn(['sh', '-c', DOWNLOAD_SCRIPT, 'sh', part, url.href]);
    let pid: string | null = null;
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => {
      pid ??= d.toString('utf8').split('\n')[0]?.trim() || null;
    });
    p.stderr.on('data', (d: Buffer) => {
      stderr += d.toString('utf8');
    });
    const kill = (): void => {
      if (pid && /^\d+$/.test(pid)) void hostExec(session, ['kill', pid]).catch(() => undefined);
    };
    ctx.signal.addEventListener('abort', kill);
    let done = false;
    let size = 0;
    const poll = (async () => {
      while (!done) {
        await new Promise((r) => setTimeout(r, POLL_MS));
        if (done) break;
        const r = await hostExec(session, ['stat', '-c', '%s', '--', part]).catch(() => null);
        if (r?.code === 0) size = Number(r.stdout.trim());
        ctx.progress(
          total ? Math.min(1, size / total) : null,
          total ? report('note.downloaded-of', { doneBytes: size, totalBytes: total }) : report('note.downloaded', { doneBytes: size }),
        );
      }
    })();
    try {
      const code = await p.exited;
      ctx.signal.throwIfAborted();
      if (code !== 0) throw new CoreError('image.download-failed', { host, url: url.shown, output: stderr.trim().split('\n').pop() || `exit ${code ?? 'signal'}` });
    } finally {
      done = true;
      ctx.signal.removeEventListener('abort', kill);
      await poll.catch(() => undefined);
    }
    const final = Number((await hostRun(session, 'image.stat-failed', ['stat', '-c', '%s', '--', part])).trim());
    ctx.progress(1, report('note.downloaded', { doneBytes: final }));
    return final;
  }

  private async register(
    host: string,
    r: { name: string; pool: string; volume: string; sha256: string | null; source: string; hint: string; defaultUser?: string | undefined },
  ): Promise<ImageInfo> {
    const known = knownImageFor(r.hint);
    const row: StoredImage = {
      host,
      name: r.name,
      pool: r.pool,
      volume: r.volume,
      sha256: r.sha256,
      source: r.source,
      os: known?.id ?? null,
      defaultUser: r.defaultUser ?? known?.defaultUser ?? null,
      addedAt: new Date().toISOString(),
    };
    this.inventory.instances.addImage(row);
    return this.withVolume(row);
  }

  private async withVolume(img: StoredImage): Promise<ImageInfo> {
    const base: ImageInfo = { ...img, path: null, format: null, virtualSize: null, sizeOnDisk: null };
    if (!this.hosts.isOnline(img.host)) return base;
    try {
      const v = await this.storage.volumes.get(img.host, img.pool, img.volume);
      return { ...base, path: v.path, format: v.format, virtualSize: v.capacity, sizeOnDisk: v.allocation };
    } catch (err) {
      if (err instanceof CoreError && (err.code === 'volume.not-found' || err.code === 'pool.not-found')) return base;
      throw new CoreError('image.read-failed', { host: img.host, name: img.name, cause: errorReport(err) }, { cause: err });
    }
  }

  private notFound(host: string, name: string): CoreError {
    return new CoreError('image.not-found', { host, name, registered: this.inventory.instances.listImages(host).map((i) => i.name) });
  }
}

function stripExtension(file: string): string {
  return file.replace(/\.(qcow2|img|raw)$/i, '');
}
