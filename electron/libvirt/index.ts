// Public surface of the libvirt client.
export { LibvirtConnection } from './connection.js';
export type { OpenOptions, LibvirtConnectionEvents } from './connection.js';
export { PROCEDURES } from './api.js';
export type { LibvirtApi } from './api.js';
export type { DomainInfoResult } from './protocol/codecs.js';
export { LibvirtStream } from './stream.js';
export type { StreamMode } from './stream.js';
export {
  LibvirtError,
  LibvirtConnectionClosedError,
  LibvirtProtocolError,
  LibvirtBadReplyError,
  LibvirtCallTimeoutError,
  VirErrorCode,
} from './errors.js';
export { decodeDomainEvent } from './events.js';
export type { DomainEvent } from './events.js';
export { decodeNetworkEvent, decodePoolEvent } from './object-events.js';
export type { NetworkEvent, PoolEvent } from './object-events.js';
export {
  DomainEventId,
  PoolEventId,
  NetworkEventId,
  ListPoolsFlags,
  DomainXmlFlags,
  DomainUndefineFlags,
  DomainDefineFlags,
  DomainStatsTypes,
  ListDomainsFlags,
  InterfaceAddressSource,
  StoragePoolBuildFlags,
  StoragePoolDeleteFlags,
  StorageVolCreateFlags,
  StorageVolResizeFlags,
  domainStateName,
  lifecycleNames,
} from './protocol/index.js';
export type {
  DomainRef,
  NetworkRef,
  StoragePoolRef,
  StorageVolRef,
  NodeInfo,
  DomainInterface,
  DomainStatsRecord,
  StorageVolInfo,
  StoragePoolInfo,
  NetworkDhcpLease,
} from './protocol/index.js';
