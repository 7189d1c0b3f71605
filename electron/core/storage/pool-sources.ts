// Parses libvirt's <sources> answer of findStoragePoolSources: NFS exports of a server, LVM volume groups, iSCSI targets.
import type { PoolSourceCandidate } from '../../../shared/model/storage.js';
import { XmlDoc, type XmlSchema } from '../../libvirt/xml/xml-doc.js';

export type { PoolSourceCandidate };

const SOURCES_SCHEMA: XmlSchema = { root: 'sources', namespaces: {}, order: {} };

export function readPoolSources(xml: string): PoolSourceCandidate[] {
  const doc = XmlDoc.parse(xml, SOURCES_SCHEMA);
  return doc.findElements('source', doc.root).map((s) => {
    const devices = doc.findElements('device', s).map((d) => doc.getValue('@path', d) ?? '');
    const dir = doc.getValue('dir/@path', s);
    return {
      host: doc.getValue('host/@name', s),
      // iSCSI reports the target IQN as the (only) device path.
      path: dir ?? (doc.find('host', s).length && devices.length ? (devices[0] as string) : null),
      name: doc.getValue('name', s),
      devices: doc.find('host', s).length ? [] : devices,
      format: doc.getValue('format/@type', s),
    };
  });
}
