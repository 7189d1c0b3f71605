// Parse with the model and write back: what `virtdeck xml normalize` does. Lossless up to canonicalXml().
import { DomainXml } from './domain.js';
import { NetworkXml } from './network.js';
import { PoolXml } from './pool.js';
import { SnapshotXml } from './snapshot.js';
import { VolumeXml } from './volume.js';

export type XmlKind = 'domain' | 'pool' | 'volume' | 'network' | 'snapshot';

const PARSERS: Record<XmlKind, (xml: string) => { toXml(): string }> = {
  domain: DomainXml.parse,
  pool: PoolXml.parse,
  volume: VolumeXml.parse,
  network: NetworkXml.parse,
  snapshot: SnapshotXml.parse,
};

export function normalizeXml(kind: XmlKind, xml: string): string {
  return PARSERS[kind](xml).toXml();
}
