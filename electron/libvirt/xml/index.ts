// Public API of the libvirt XML object model (see README.md).
export { XmlParseError, XmlModelError } from './errors.js';
export { XmlDoc, type XmlSchema } from './xml-doc.js';
export { XmlNodeModel, XmlListItem, type Settable, type BoolStyle } from './node-model.js';
export { canonicalXml } from './canonical.js';
export { normalizeXml, type XmlKind } from './normalize.js';
export { unitBytes, convertSize } from './units.js';
export { DomainXml, LIFECYCLE_ACTIONS, CPU_MODES, type LifecycleAction, type CpuMode, type DomainCreateOptions } from './domain.js';
export { DomainCapsXml } from './domain-caps.js';
export { DOMAIN_SCHEMA, VIRTDECK_NS, QEMU_NS } from './domain-schema.js';
export {
  DiskXml, InterfaceXml, GraphicsXml, VideoXml, ChardevXml, ChannelXml, ControllerXml, DISK_DEVICES,
  type DiskDevice, type BackingStoreInfo,
} from './domain-devices.js';
export { VirtDeckMetadata } from './domain-metadata.js';
export { PoolXml, POOL_SCHEMA, type PoolCreateOptions } from './pool.js';
export { VolumeXml, VOLUME_SCHEMA, type VolumeCreateOptions } from './volume.js';
export { NetworkXml, NetworkIpXml, DhcpRangeXml, DhcpHostXml, DnsHostXml, NETWORK_SCHEMA } from './network.js';
export { SnapshotXml, SnapshotDiskXml, SNAPSHOT_MODES, SNAPSHOT_SCHEMA, type SnapshotMode } from './snapshot.js';
