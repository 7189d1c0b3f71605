// Who uses an image on a host, worked out from what the host says (pure; host-volume-users.ts does the reading):
// domains' disks (live and persistent definitions, running or not, transient too), the disks snapshots recorded,
// and everything built on the image through backing chains — linked clones, external snapshots' overlays — read
// from volume XML, from a running domain's <backingStore> and from qemu-img for images that are no pool's volume.
import { posix } from 'node:path';
import { userReports, type VolumeUser } from '../../../shared/model/storage.js';
import { DomainXml } from '../../libvirt/xml/domain.js';
import { SnapshotXml } from '../../libvirt/xml/snapshot.js';
import { VolumeXml } from '../../libvirt/xml/volume.js';

export { userReports, type VolumeUser };

export interface DomainFacts {
  name: string;
  /** The live XML of a running domain and/or the persistent definition. */
  xmls: string[];
  /** The domain's snapshots' XML (<domainsnapshot>), each with the domain it recorded. */
  snapshots: string[];
}

export interface VolumeFacts {
  pool: string;
  name: string;
  /** The volume's XML (its path, format and <backingStore>). */
  xml: string;
}

export interface UsageFacts {
  domains: DomainFacts[];
  volumes: VolumeFacts[];
  /** Backing files of images that are no pool's volume (qemu-img), by image path. */
  backingOf?: ReadonlyMap<string, string>;
}

/** A disk image as a domain or snapshot names it, resolved to a path where the pool knows the volume. */
interface DiskImage {
  path: string;
  format: string | null;
  /** The chain the XML itself reports below the image (a running domain's <backingStore>), nearest first. */
  chain: string[];
}

const MAX_CHAIN = 32;

export class VolumeUsage {
  private readonly users = new Map<string, VolumeUser[]>();
  private readonly backing = new Map<string, string>();

  constructor(facts: UsageFacts) {
    const volumes = parseVolumes(facts.volumes);
    const paths = volumePaths(volumes);
    for (const [image, base] of facts.backingOf ?? []) this.backing.set(image, base);
    for (const v of volumes) {
      // qcow2 may record its backing file relative to its own directory.
      if (v.path && v.base) this.backing.set(v.path, posix.resolve(posix.dirname(v.path), v.base));
    }
    for (const d of facts.domains) {
      for (const dom of d.xmls.map((x) => DomainXml.parse(x))) this.addDisks(diskImages(dom, paths), { kind: 'vm', name: d.name });
      for (const text of d.snapshots) {
        const snap = SnapshotXml.parse(text);
        const user: VolumeUser = { kind: 'snapshot', name: snap.name ?? '', vm: d.name };
        for (const dom of recordedDomains(snap)) this.addDisks(diskImages(dom, paths), user);
      }
    }
    for (const v of volumes) {
      if (v.path) for (const base of this.chainBelow(v.path, [])) this.add(base, { kind: 'volume', name: `${v.pool}/${v.name}`, path: v.path });
    }
  }

  /** Everything that uses the image at `path`, except what `ignore` says (e.g. the VM being deleted itself). */
  usersOf(path: string, ignore: (u: VolumeUser) => boolean = () => false): VolumeUser[] {
    return (this.users.get(path) ?? []).filter((u) => !ignore(u));
  }

  private addDisks(images: DiskImage[], user: VolumeUser): void {
    for (const img of images) {
      this.add(img.path, user);
      for (const base of this.chainBelow(img.path, img.chain)) this.add(base, { ...user, via: img.path });
    }
  }

  /** The images below `top`: the chain the XML reported, then on through what the volumes (or qemu-img) say. */
  private chainBelow(top: string, reported: string[]): string[] {
    const chain = [...reported];
    let next = this.backing.get(chain.at(-1) ?? top);
    while (next !== undefined && next !== top && !chain.includes(next) && chain.length < MAX_CHAIN) {
      chain.push(next);
      next = this.backing.get(next);
    }
    return chain;
  }

  /** One entry per user: a direct use wins over the same user through a chain. */
  private add(path: string, user: VolumeUser): void {
    const list = this.users.get(path) ?? [];
    const same = list.findIndex((u) => u.kind === user.kind && u.name === user.name && u.vm === user.vm);
    if (same < 0) list.push(user);
    else if (user.via === undefined && list[same]?.via !== undefined) list[same] = user;
    this.users.set(path, list);
  }
}

/** qcow2 (or unknown format) images of domains and snapshots whose backing files nobody told us: ask qemu-img. */
export function imagesWithUnknownChain(facts: UsageFacts): string[] {
  const volumes = parseVolumes(facts.volumes);
  const paths = volumePaths(volumes);
  const known = new Set([...volumes.map((v) => v.path), ...(facts.backingOf?.keys() ?? [])]);
  const doms = facts.domains.flatMap((d) => [
    ...d.xmls.map((x) => DomainXml.parse(x)),
    ...d.snapshots.flatMap((x) => recordedDomains(SnapshotXml.parse(x))),
  ]);
  const unknown = doms
    .flatMap((dom) => diskImages(dom, paths))
    .filter((img) => img.chain.length === 0 && img.format !== 'raw' && img.path.startsWith('/') && !known.has(img.path));
  return [...new Set(unknown.map((img) => img.path))];
}

/** `qemu-img info --backing-chain --output=json`: each layer's backing file, as [image, backing file] pairs. */
export function parseQemuImgChain(json: string): Array<[string, string]> {
  const layers = JSON.parse(json) as Array<{ filename?: string; 'full-backing-filename'?: string; 'backing-filename'?: string }>;
  return layers.flatMap((l): Array<[string, string]> => {
    const base = l['full-backing-filename'] ?? l['backing-filename'];
    return l.filename && base ? [[l.filename, base]] : [];
  });
}

interface ParsedVolume {
  pool: string;
  name: string;
  path: string | null;
  base: string | null;
}

function parseVolumes(volumes: VolumeFacts[]): ParsedVolume[] {
  return volumes.map((v) => {
    const x = VolumeXml.parse(v.xml);
    return { pool: v.pool, name: v.name, path: x.targetPath, base: x.backingStorePath };
  });
}

/** pool/volume → path. */
function volumePaths(volumes: ParsedVolume[]): Map<string, string> {
  return new Map(volumes.filter((v) => v.path !== null).map((v) => [`${v.pool}/${v.name}`, v.path as string]));
}

/** What a snapshot recorded: the domain then, and a running domain's persistent definition then. */
function recordedDomains(snap: SnapshotXml): DomainXml[] {
  return [snap.embeddedDomain(), snap.embeddedInactiveDomain()].filter((d): d is DomainXml => d !== null);
}

/** Each disk's image, pool volumes resolved to paths (pool/volume as it is when its pool is not running). */
function diskImages(dom: DomainXml, paths: ReadonlyMap<string, string>): DiskImage[] {
  const resolve = (p: string): string => (p.startsWith('/') ? p : (paths.get(p) ?? p));
  const out: DiskImage[] = [];
  for (const disk of dom.disks) {
    const direct = disk.sourceFile ?? disk.sourceDev;
    const named = direct ?? (disk.sourcePool !== null && disk.sourceVolume !== null ? `${disk.sourcePool}/${disk.sourceVolume}` : null);
    if (named === null) continue;
    const chain = disk.backingChain.map((b) => b.path).filter((p): p is string => p !== null).map(resolve);
    out.push({ path: resolve(named), format: disk.driverType, chain });
  }
  return out;
}
