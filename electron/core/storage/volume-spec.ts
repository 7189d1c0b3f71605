// Volumes: what the wizard asks for, its XML, and what the list reads back (format, sizes, backing file).
import { VolumeXml } from '../../libvirt/xml/volume.js';
import { CoreError } from '../errors.js';
import { checkName } from './names.js';
import { PREALLOCATIONS, VOLUME_FORMATS, type Preallocation, type VolumeFormat } from '../../../shared/model/storage.js';

export { PREALLOCATIONS, VOLUME_FORMATS, type Preallocation, type VolumeFormat };

export interface VolumeSpec {
  name: string;
  /** Bytes. */
  capacity: number;
  format: VolumeFormat;
  preallocation: Preallocation;
  /** Linked clone: the new qcow2 volume records this file as its read-only base. */
  backing?: { path: string; format: string };
}

export function validateVolumeSpec(spec: VolumeSpec): void {
  checkName(spec.name);
  if (!VOLUME_FORMATS.includes(spec.format)) throw new CoreError('volume.bad-format', { format: spec.format, formats: VOLUME_FORMATS });
  if (!PREALLOCATIONS.includes(spec.preallocation)) {
    throw new CoreError('volume.bad-preallocation', { value: spec.preallocation, values: PREALLOCATIONS });
  }
  if (spec.format === 'raw' && spec.preallocation === 'metadata') throw new CoreError('volume.metadata-needs-qcow2', {});
  if (spec.backing && spec.format !== 'qcow2') throw new CoreError('volume.backing-needs-qcow2', {});
  if (spec.backing && spec.preallocation !== 'off') throw new CoreError('volume.clone-preallocated', {});
}

/** Bytes the new volume takes from the pool at once (thin volumes grow later). */
export function initialAllocation(spec: Pick<VolumeSpec, 'capacity' | 'preallocation'>): number {
  return spec.preallocation === 'full' ? spec.capacity : 0;
}

/** XML for a new volume (qcow2 metadata preallocation also needs StorageVolCreateFlags.PREALLOC_METADATA). */
export function volumeXml(spec: VolumeSpec): string {
  const vol = VolumeXml.create({
    name: spec.name,
    capacityBytes: spec.capacity,
    format: spec.format,
    ...(spec.backing ? { backingStorePath: spec.backing.path, backingStoreFormat: spec.backing.format } : {}),
  });
  vol.allocationBytes = initialAllocation(spec);
  return vol.toXml();
}

export interface VolumeXmlSummary {
  name: string;
  path: string | null;
  format: string | null;
  backing: { path: string; format: string | null } | null;
}

export function readVolumeXml(xml: string): VolumeXmlSummary {
  const vol = VolumeXml.parse(xml);
  const backingPath = vol.backingStorePath;
  return {
    name: vol.name ?? '',
    path: vol.targetPath,
    format: vol.targetFormat,
    backing: backingPath ? { path: backingPath, format: vol.backingStoreFormat } : null,
  };
}
