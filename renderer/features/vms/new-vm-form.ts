// The New VM wizard's form → spec, and which firmware and TPM choices the host offers (the rest greyed out with
// the reason, e.g. "this host has no OVMF: apt install ovmf").
import { isMediaUrl, type Firmware, type HostCaps, type VirtType, type VmCreateSpec, type VmSource } from '../../../shared/model/new-vm.js';
import type { MessageKey } from '../../app/i18n/index.js';

export const SOURCE_KINDS = ['cdrom', 'import', 'pxe', 'none'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export interface NewVmForm {
  name: string;
  source: SourceKind;
  /** cdrom/import: POOL/VOLUME; cdrom: or a URL the host downloads; import: or an absolute path on the host. */
  media: string;
  /** cdrom URL: the SHA-256 the download must have ('' = not checked). */
  sha256: string;
  /** import: copy a vmdk/vdi/raw disk into a new qcow2 volume first. */
  convert: boolean;
  os: string;
  vcpus: number | null;
  memoryMiB: number | null;
  diskBytes: number | null;
  pool: string;
  network: string;
  /** '' = the preset's. */
  firmware: Firmware | '';
  tpm: boolean;
  /** '' = the host's. */
  virtType: VirtType | '';
  start: boolean;
}

export function emptyNewVmForm(): NewVmForm {
  return { name: '', source: 'cdrom', media: '', sha256: '', convert: false, os: 'generic', vcpus: null, memoryMiB: null, diskBytes: null, pool: 'default', network: 'default', firmware: '', tpm: false, virtType: '', start: true };
}

function volumeOf(text: string): { pool: string; volume: string } {
  const [pool = '', ...rest] = text.split('/');
  return { pool, volume: rest.join('/') };
}

function sourceOf(f: NewVmForm): VmSource {
  switch (f.source) {
    case 'cdrom':
      if (isMediaUrl(f.media)) return { kind: 'cdrom', url: f.media.trim(), ...(f.sha256.trim() ? { sha256: f.sha256.trim() } : {}) };
      return { kind: 'cdrom', iso: volumeOf(f.media) };
    case 'import':
      return {
        kind: 'import',
        ...(f.media.startsWith('/') ? { path: f.media } : { disk: volumeOf(f.media) }),
        ...(f.convert ? { convert: 'qcow2' as const } : {}),
      };
    case 'pxe':
      return { kind: 'pxe' };
    default:
      return { kind: 'none' };
  }
}

export function newVmSpecOf(host: string, f: NewVmForm): VmCreateSpec {
  return {
    host, name: f.name.trim(), source: sourceOf(f), os: f.os,
    ...(f.vcpus !== null ? { vcpus: f.vcpus } : {}),
    ...(f.memoryMiB !== null ? { memoryMiB: f.memoryMiB } : {}),
    ...(f.diskBytes !== null && f.source !== 'import' ? { diskBytes: f.diskBytes } : {}),
    pool: f.pool,
    networks: f.network ? [f.network] : [],
    ...(f.firmware ? { firmware: f.firmware } : {}),
    ...(f.tpm ? { tpm: true } : {}),
    ...(f.virtType ? { virtType: f.virtType } : {}),
    start: f.start,
  };
}

/** i18n key of why a firmware or the TPM is not offered, or null when the host has it. */
export function firmwareBlocked(caps: HostCaps | undefined, fw: Firmware): MessageKey | null {
  if (!caps || fw === 'bios') return null;
  if (!caps.firmware.uefi) return 'newvm.noUefi';
  return fw === 'uefi-secure' && !caps.firmware.secureBoot ? 'newvm.noSecureBoot' : null;
}

export function tpmBlocked(caps: HostCaps | undefined): MessageKey | null {
  if (!caps) return null;
  return caps.tpm.supported && caps.tpm.backends.includes('emulator') && caps.tpm.versions.includes('2.0') ? null : 'newvm.noTpm';
}
