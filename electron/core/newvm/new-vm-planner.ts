// Planning a new VM: the spec is checked against the host (name free, OS preset known, ISO/disk there and its
// format, pool room, networks, virt type, firmware and TPM on the host; memory above the host's free memory is
// a warning) and, when nothing is wrong, turned into a plan with its domain XML. Reads hosts; changes nothing.
import { randomUUID } from 'node:crypto';
import { report, type ErrorReport } from '../../../shared/model/errors.js';
import type { HostCaps, OsPreset, VmCreateIssue, VmCreatePlan, VmCreateSpec, VolumeRef } from '../../../shared/model/new-vm.js';
import { DEFAULT_OS, OS_PRESETS, osPreset } from '../../../shared/model/os-presets.js';
import { errorReport } from '../errors.js';
import { hostExec } from '../hosts/host-exec.js';
import type { HostRegistry } from '../hosts/host-registry.js';
import type { NetworkService } from '../networks/network-service.js';
import { checkName } from '../storage/names.js';
import type { StorageService } from '../storage/storage-service.js';
import { readHostCaps } from './host-caps.js';
import { newVmDomainXml, type NewVmDisk } from './new-vm-domain.js';
import { planConvert, planDownload, type ConvertPlan, type DownloadPlan } from './new-vm-media.js';

const MiB = 1024 * 1024;
/** Disk formats QEMU runs directly (qemu-img info names them so). */
const IMPORT_FORMATS = ['qcow2', 'raw', 'vmdk', 'vdi'];
const DEFAULT_POOL = 'default';
const DEFAULT_NETWORK = 'default';

export interface VmCreateResolution {
  errors: VmCreateIssue[];
  warnings: VmCreateIssue[];
  plan: VmCreatePlan | null;
  uuid: string;
}

/** The blank disk a spec asks for: none for an import or a size of 0. */
export function wantsNewDisk(spec: VmCreateSpec, preset: OsPreset | undefined): number {
  if (spec.source.kind === 'import') return 0;
  return spec.diskBytes ?? preset?.diskBytes ?? 0;
}

export class NewVmPlanner {
  constructor(
    private readonly hosts: HostRegistry,
    private readonly storage: StorageService,
    private readonly networks: NetworkService,
  ) {}

  async caps(host: string): Promise<HostCaps> {
    return readHostCaps(host, this.hosts.libvirt(host));
  }

  async resolve(spec: VmCreateSpec): Promise<VmCreateResolution> {
    const errors: VmCreateIssue[] = [];
    const warnings: VmCreateIssue[] = [];
    const uuid = randomUUID();
    const err = (field: string, p: ErrorReport) => errors.push({ ...p, field });
    const done = (plan: VmCreatePlan | null = null): VmCreateResolution => ({ errors, warnings, plan: errors.length ? null : plan, uuid });
    const { host, name } = spec;
    try {
      checkName(name, 63);
    } catch (e) {
      err('name', errorReport(e));
    }
    const osId = spec.os ?? DEFAULT_OS;
    const preset = osPreset(osId);
    if (!preset) err('os', report('newvm.unknown-os', { os: osId, known: OS_PRESETS.map((p) => p.id) }));
    if (!this.hosts.names().includes(host)) {
      err('host', report('host.not-found', { host }));
      return done();
    }
    if (!this.hosts.isOnline(host)) {
      err('host', report('host.offline', { host, since: this.hosts.get(host).status.since.toISOString() }));
      return done();
    }
    const lv = this.hosts.libvirt(host);
    const caps = await this.caps(host);
    if (await lv.lookupDomainByName(name).then(() => true, () => false)) err('name', report('vm.exists', { host, vm: name }));

    // virt type, firmware, TPM: what the host offers
    const virtType = spec.virtType ?? this.hosts.config(host).virtType ?? caps.virtType;
    if (!caps.virtTypes.includes(virtType)) err('virtType', report('launch.no-kvm', { host }));
    const firmware = spec.firmware ?? preset?.firmware ?? 'bios';
    if (firmware !== 'bios' && !caps.firmware.uefi) err('firmware', report('newvm.no-uefi', { host }));
    else if (firmware === 'uefi-secure' && !caps.firmware.secureBoot) err('firmware', report('newvm.no-secure-boot', { host }));
    const tpm = spec.tpm ?? preset?.tpm ?? false;
    if (tpm && !(caps.tpm.supported && caps.tpm.backends.includes('emulator') && caps.tpm.versions.includes('2.0'))) {
      err('tpm', report('newvm.no-tpm', { host }));
    }

    // size
    const vcpus = spec.vcpus ?? preset?.vcpus ?? 1;
    const memoryMiB = spec.memoryMiB ?? preset?.memoryMiB ?? 1024;
    const free = await lv.nodeGetFreeMemory();
    if (memoryMiB * MiB > free) warnings.push({ ...report('launch.memory', { host, needBytes: memoryMiB * MiB, freeBytes: free }), field: 'memory' });

    // media
    const volume = async (field: string, ref: VolumeRef) =>
      this.storage.volumes.get(host, ref.pool, ref.volume).catch(() => {
        err(field, report('newvm.volume-missing', { host, pool: ref.pool, volume: ref.volume }));
        return null;
      });
    const src = spec.source;
    const cdroms: VolumeRef[] = [];
    let disk: NewVmDisk | null = null;
    let importFormat: string | null = null;
    const pool = spec.pool ?? DEFAULT_POOL;
    let download: DownloadPlan | null = null;
    let convert: ConvertPlan | null = null;
    if (src.kind === 'cdrom' && 'iso' in src && (await volume('source', src.iso))) cdroms.push(src.iso);
    if (src.kind === 'cdrom' && 'url' in src) {
      download = await planDownload(this.hosts.get(host), lv, src, name, pool, err);
      if (download) cdroms.push({ pool: download.pool, volume: download.volume });
    }
    if (spec.drivers && (await volume('drivers', spec.drivers))) cdroms.push(spec.drivers);
    if (src.kind === 'import') {
      importFormat = 'disk' in src ? ((await volume('source', src.disk))?.format ?? null) : await this.pathFormat(host, src.path, err);
      if (importFormat !== null && !IMPORT_FORMATS.includes(importFormat)) err('source', report('newvm.import-format', { format: importFormat, known: IMPORT_FORMATS }));
      else if (importFormat !== null) disk = { ...('disk' in src ? src.disk : { path: src.path }), format: importFormat };
      if (disk && src.convert) {
        convert = await planConvert(lv, host, src, importFormat!, { pool, volume: `${name}.qcow2` }, err);
        if (convert) disk = { ...convert.to, format: 'qcow2' };
      }
    }
    const bytes = wantsNewDisk(spec, preset);
    const newDisk = bytes > 0 ? { pool, volume: `${name}.qcow2`, bytes } : null;
    if (newDisk) {
      const info = await this.storage.pools.get(host, pool).catch((e: unknown) => {
        err('pool', errorReport(e));
        return null;
      });
      if (info && bytes > info.available) err('disk', report('launch.disk', { host, pool, needBytes: bytes, freeBytes: info.available }));
      if (info && (await this.storage.volumes.get(host, pool, newDisk.volume).then(() => true, () => false))) {
        err('name', report('volume.exists', { host, pool, volume: newDisk.volume }));
      }
      disk = { pool, volume: newDisk.volume, format: 'qcow2' };
    }
    if (src.kind === 'pxe' && spec.networks?.length === 0) err('network', report('newvm.pxe-no-network', {}));

    // networks
    const networks = spec.networks ?? [DEFAULT_NETWORK];
    for (const network of networks) {
      if (!(await this.networks.get(host, network).then(() => true, () => false))) err('network', report('launch.no-network', { host, network }));
    }

    if (!preset || errors.length) return done();
    // Windows has no virtio drivers of its own: virtio only with the driver ISO.
    const bus = preset.family === 'windows' ? (spec.drivers ? 'virtio' : 'sata') : preset.bus;
    const boot = src.kind === 'cdrom' ? 'cdrom' : src.kind === 'pxe' ? 'network' : 'hd';
    const domainXml = newVmDomainXml({ name, uuid, virtType, vcpus, memoryMiB, preset, firmware, tpm, bus, disk, cdroms, networks, boot });
    return done({ host, name, preset: preset.id, firmware, tpm, virtType, vcpus, memoryMiB, bus, newDisk, importFormat, convert, download, domainXml });
  }

  /** The format of a file on the host, as `qemu-img info` reports it (null with an error when it is not there). */
  private async pathFormat(host: string, path: string, err: (field: string, p: ErrorReport) => void): Promise<string | null> {
    if (!path.startsWith('/')) {
      err('source', report('newvm.path-missing', { host, path, output: 'not an absolute path' }));
      return null;
    }
    const r = await hostExec(this.hosts.get(host), ['qemu-img', 'info', '--output=json', '-U', '--', path]);
    const format = r.code === 0 ? (JSON.parse(r.stdout) as { format?: unknown }).format : null;
    if (typeof format === 'string') return format;
    err('source', report('newvm.path-missing', { host, path, output: (r.stderr.trim() || r.stdout.trim()).split('\n').slice(-2).join(' ') }));
    return null;
  }
}
