// Which field of a new snapshot's spec a snapshot check's error is about, so the dialog shows it on that input:
// the name's rule and clash on the name, what stops disk-only overlays on the kind.
import type { SnapshotCreateSpec } from '../../../shared/model/snapshot.js';
import { fieldNamer } from '../field-of.js';

export const withSnapshotField = fieldNamer<SnapshotCreateSpec>({
  'snapshot.bad-name': 'name', 'snapshot.exists': 'name',
  'snapshot.no-writable-disk': 'kind', 'snapshot.disk-not-file': 'kind', 'snapshot.overlay-exists': 'kind',
});
