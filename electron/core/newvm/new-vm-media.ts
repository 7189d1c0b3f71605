// The media a new VM may need made first, on its host: an install ISO downloaded from a URL (libvirt cannot download,
// so curl or wget runs on the host, argv only, into the pool's directory; the pool is refreshed and the SHA-256 checked
// there, a bad download removed), and an imported vmdk/vdi/raw disk copied into a new qcow2 volume by libvirt itself
// (virStorageVolCreateXMLFrom: libvirtd runs qemu-img convert; the original is kept). Both report progress.
import { report, type ErrorReport } from '../../../shared/model/errors.js';
import { DOWNLOADERS, type Downloader, type VmCreatePlan, type VolumeRef } from '../../../shared/model/new-vm.js';
import type { LibvirtApi } from '../../libvirt/api.js';
import type { StorageVolRef } from '../../libvirt/protocol/index.js';
import { VolumeXml } from '../../libvirt/xml/volume.js';
import { CoreError, errorReport } from '../errors.js';
import { hostExec } from '../hosts/host-exec.js';
import type { HostSession } from '../hosts/host-session.js';
import { libvirtError } from '../libvirt-errors.js';
import { findActivePool, findVolume } from '../storage/storage-lookup.js';
import type { TaskContext } from '../tasks/task-service.js';
import { startTicker } from '../ticker.js';

type Err = (field: string, p: ErrorReport) => void;
export type DownloadPlan = NonNullable<VmCreatePlan['download']>;
export type ConvertPlan = NonNullable<VmCreatePlan['convert']>;

const URL_SCHEMES = ['http:', 'https:', 'ftp:'];
/** A volume name taken from a URL's last path segment as it is; anything else gets the VM's name. */
const SAFE_FILE = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,199}$/;
const POLL_MS = 1000;

/** The URL's file name when it makes a plain volume name, else NAME-install.iso. */
export function downloadVolumeName(url: URL, vm: string): string {
  const last = url.pathname.split('/').pop() ?? '';
  return SAFE_FILE.test(last) ? last : `${vm}-install.iso`;
}

/** The first of curl, wget the host has (null: neither). */
export async function hostDownloader(session: HostSession): Promise<Downloader | null> {
  // `which` prints the ones found (and exits non-zero when any is missing).
  const r = await hostExec(session, ['which', ...DOWNLOADERS]);
  const found = r.stdout.split('\n').map((l) => l.trim().split('/').pop());
  return DOWNLOADERS.find((d) => found.includes(d)) ?? null;
}

/** The argv that downloads `url` verbatim (never through a shell; curl without its {a,b}/[1-3] URL globbing) to `path`. */
export function downloadArgv(tool: Downloader, url: string, path: string): string[] {
  return tool === 'curl'
    ? ['curl', '--globoff', '--fail', '--silent', '--show-error', '--location', '--proto', '=http,https,ftp', '--output', path, '--', url]
    : ['wget', '--quiet', '--output-document', path, '--', url];
}

/** The URL checked (scheme), the downloader found, the target volume free. Null with the problem when not possible. */
export async function planDownload(
  session: HostSession, lv: LibvirtApi, src: { url: string; sha256?: string }, vm: string, pool: string, err: Err,
): Promise<DownloadPlan | null> {
  const host = session.config.name;
  let url: URL;
  try {
    url = new URL(src.url);
  } catch {
    url = new URL('invalid:');
  }
  if (!URL_SCHEMES.includes(url.protocol)) {
    err('source', report('newvm.bad-url', { url: src.url }));
    return null;
  }
  const sha256 = src.sha256?.trim().toLowerCase() ?? null;
  if (sha256 !== null && !/^[0-9a-f]{64}$/.test(sha256)) err('source.sha256', report('newvm.bad-sha256', { value: src.sha256! }));
  const tool = await hostDownloader(session);
  if (!tool) err('source', report('newvm.no-downloader', { host }));
  const volume = downloadVolumeName(url, vm);
  const ref = await findActivePool(lv, host, pool).catch((e: unknown) => {
    err('pool', errorReport(e));
    return null;
  });
  if (ref && (await lv.storageVolLookupByName(ref, volume).then(() => true, () => false))) err('source', report('volume.exists', { host, pool, volume }));
  return tool && ref ? { url: src.url, sha256, pool, volume, tool } : null;
}

/** Downloads the ISO on the host into its pool; checks its SHA-256 there. Leaves no file behind when it fails. */
export async function runDownload(session: HostSession, lv: LibvirtApi, d: DownloadPlan, ctx: TaskContext): Promise<void> {
  const host = session.config.name;
  const ref = await findActivePool(lv, host, d.pool);
  const dir = /<target>\s*<path>([^<]+)<\/path>/.exec(await lv.storagePoolGetXmlDesc(ref, 0))?.[1];
  if (!dir) throw new CoreError('newvm.download-failed', { host, url: d.url, output: `pool ${d.pool} has no directory` });
  const path = `${dir.replace(/\/+$/, '')}/${d.volume}`;
  const remove = async () => {
    await hostExec(session, ['rm', '-f', '--', path]).catch(() => undefined);
    await lv.storagePoolRefresh(ref, 0).catch(() => undefined);
  };
  const stop = startTicker(POLL_MS, async () => {
    const size = await hostExec(session, ['stat', '-c', '%s', '--', path]);
    if (size.code === 0) ctx.progress(null, report('note.downloaded', { doneBytes: Number(size.stdout.trim()) || 0 }));
  });
  try {
    const r = await hostExec(session, downloadArgv(d.tool, d.url, path)).finally(stop);
    if (r.code !== 0) {
      const output = (r.stderr.trim() || r.stdout.trim()).split('\n').slice(-2).join(' ') || `${d.tool} exit ${r.code ?? 'signal'}`;
      throw new CoreError('newvm.download-failed', { host, url: d.url, output });
    }
    if (d.sha256 !== null) {
      const sum = await hostExec(session, ['sha256sum', '--', path]);
      const actual = sum.code === 0 ? (sum.stdout.split(/\s/)[0] ?? '') : `(sha256sum failed: ${sum.stderr.trim()})`;
      if (actual !== d.sha256) throw new CoreError('newvm.checksum-mismatch', { host, url: d.url, expected: d.sha256, actual });
    }
    await lv.storagePoolRefresh(ref, 0);
    await findVolume(lv, host, ref, d.volume);
  } catch (e) {
    await remove();
    throw e;
  }
}

/**
 * Conversion of an imported disk: its volume (a host path must be a pool's volume), the new qcow2 volume's name free
 * in the pool. Null (nothing to do) when the disk is qcow2 already.
 */
export async function planConvert(
  lv: LibvirtApi, host: string, src: { disk: VolumeRef } | { path: string }, format: string, to: VolumeRef, err: Err,
): Promise<ConvertPlan | null> {
  if (format === 'qcow2') return null;
  const vol = await sourceVolume(lv, host, src).catch(() => null);
  if (!vol) {
    err('source', report('newvm.convert-not-volume', { host, path: 'path' in src ? src.path : `${src.disk.pool}/${src.disk.volume}` }));
    return null;
  }
  const pool = await findActivePool(lv, host, to.pool).catch((e: unknown) => {
    err('pool', errorReport(e));
    return null;
  });
  if (pool && (await lv.storageVolLookupByName(pool, to.volume).then(() => true, () => false))) err('name', report('volume.exists', { host, pool: to.pool, volume: to.volume }));
  if (pool) {
    // the copy holds at most the data the disk holds now
    const [{ allocation }, { available }] = await Promise.all([lv.storageVolGetInfo(vol), lv.storagePoolGetInfo(pool)]);
    if (allocation > available) err('disk', report('launch.disk', { host, pool: to.pool, needBytes: allocation, freeBytes: available }));
  }
  return { from: await lv.storageVolGetPath(vol), to };
}

function sourceVolume(lv: LibvirtApi, host: string, src: { disk: VolumeRef } | { path: string }): Promise<StorageVolRef> {
  if ('path' in src) return lv.storageVolLookupByPath(src.path);
  return findActivePool(lv, host, src.disk.pool).then((ref) => findVolume(lv, host, ref, src.disk.volume));
}

/** libvirt copies the disk into a new qcow2 volume (qemu-img convert on the host); progress from its allocation. */
export async function runConvert(lv: LibvirtApi, host: string, c: ConvertPlan, ctx: TaskContext): Promise<void> {
  const src = await lv.storageVolLookupByPath(c.from);
  const info = await lv.storageVolGetInfo(src);
  const pool = await findActivePool(lv, host, c.to.pool);
  const xml = VolumeXml.create({ name: c.to.volume, capacityBytes: info.capacity, format: 'qcow2' }).toXml();
  const total = Math.max(info.allocation, 1);
  const stop = startTicker(POLL_MS, async () => {
    const done = (await lv.storageVolGetInfo(await lv.storageVolLookupByName(pool, c.to.volume))).allocation;
    ctx.progress(Math.min(0.99, done / total), report('note.copied-of', { path: c.from, doneBytes: done, totalBytes: info.allocation }));
  });
  try {
    await lv.storageVolCreateXmlFrom(pool, xml, src, 0);
  } catch (e) {
    throw libvirtError(e, 'volume.clone-failed', { host, pool: c.to.pool, volume: c.to.volume });
  } finally {
    stop();
  }
}
