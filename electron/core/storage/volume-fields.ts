// Which option of a new volume a volume check's error is about, so the dialog shows it on that input.
import type { VolumeCreateOptions } from '../../../shared/model/storage.js';
import { fieldNamer } from '../field-of.js';

export const withVolumeField = fieldNamer<VolumeCreateOptions>({
  'name.empty': 'name', 'name.too-long': 'name', 'name.bad-chars': 'name', 'volume.exists': 'name',
  'volume.size-required': 'capacity', 'volume.clone-smaller': 'capacity', 'volume.no-space': 'capacity', 'volume.overcommit': 'capacity',
  'volume.bad-format': 'format', 'volume.backing-needs-qcow2': 'format',
  'volume.bad-preallocation': 'preallocation', 'volume.metadata-needs-qcow2': 'preallocation', 'volume.clone-preallocated': 'preallocation',
  'volume.path-not-found': 'backing', 'volume.not-found': 'backing',
});
