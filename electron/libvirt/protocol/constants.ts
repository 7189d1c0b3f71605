// Wire constants of libvirt's RPC layer (src/rpc/virnetprotocol.x) and remote program header.

export const REMOTE_PROGRAM = 0x20008086;
export const REMOTE_PROTOCOL_VERSION = 1;

/** libvirt-qemu's program (src/remote/qemu_protocol.x): QEMU-specific calls on the same connection. */
export const QEMU_PROGRAM = 0x20008087;
export const QEMU_PROTOCOL_VERSION = 1;
export const QemuProc = { DOMAIN_AGENT_COMMAND: 3 } as const;

export const KEEPALIVE_PROGRAM = 0x6b656570;
export const KEEPALIVE_PROTOCOL_VERSION = 1;
export const KeepaliveProc = { PING: 1, PONG: 2 } as const;

export const MessageType = {
  CALL: 0,
  REPLY: 1,
  MESSAGE: 2,
  STREAM: 3,
  CALL_WITH_FDS: 4,
  REPLY_WITH_FDS: 5,
  STREAM_HOLE: 6,
} as const;

export const MessageStatus = { OK: 0, ERROR: 1, CONTINUE: 2 } as const;

/** Bytes of the length word plus the six-word header. */
export const HEADER_SIZE = 4 + 24;
/**
 * Largest packet libvirt accepts, length word included: VIR_NET_MESSAGE_MAX (32 MiB since libvirt 1.x; libvirt 9.0's
 * client says "packet … too large, want 33554432" past it) plus the length word it does not count.
 */
export const MAX_PACKET_SIZE = 32 * 1024 * 1024 + 4;
/** Largest raw payload per stream packet (libvirt's legacy payload max). */
export const STREAM_CHUNK_SIZE = 256 * 1024;

export const UUID_SIZE = 16;

/** virDrvFeature values for CONNECT_SUPPORTS_FEATURE. */
export const DrvFeature = { PROGRAM_KEEPALIVE: 10 } as const;

export const AuthType = { NONE: 0, SASL: 1, POLKIT: 2 } as const;

/** virConnectFlags */
export const ConnectFlags = { RO: 1 } as const;

/** virDomainXMLFlags */
export const DomainXmlFlags = { SECURE: 1, INACTIVE: 2, UPDATE_CPU: 4, MIGRATABLE: 8 } as const;

/** virDomainUndefineFlagsValues */
export const DomainUndefineFlags = {
  MANAGED_SAVE: 1,
  SNAPSHOTS_METADATA: 2,
  NVRAM: 4,
  KEEP_NVRAM: 8,
  CHECKPOINTS_METADATA: 16,
  TPM: 32,
  KEEP_TPM: 64,
} as const;

/** virDomainModificationImpact: which definition a change goes to (CURRENT: the live one if running, else the config). */
export const DomainImpact = { CURRENT: 0, LIVE: 1, CONFIG: 2 } as const;

/** virDomainMetadataType: ELEMENT is an application's own XML element under <metadata>, keyed by a namespace URI. */
export const DomainMetadataType = { DESCRIPTION: 0, TITLE: 1, ELEMENT: 2 } as const;

/** virDomainVcpuFlags beyond DomainImpact: MAXIMUM sets the maximum (config only). */
export const DomainVcpuFlags = { MAXIMUM: 4 } as const;

/** virDomainMemoryModFlags beyond DomainImpact: MAXIMUM sets the maximum (config only). */
export const DomainMemoryFlags = { MAXIMUM: 4 } as const;

/** virDomainDefineFlags */
export const DomainDefineFlags = { VALIDATE: 1 } as const;

/** virStoragePoolDefineFlags (libvirt 7.8+) */
export const StoragePoolDefineFlags = { VALIDATE: 1 } as const;

/** virNetworkDefineFlags (libvirt 7.7+) */
export const NetworkDefineFlags = { VALIDATE: 1 } as const;

/** virConnectGetAllDomainStatsFlags / virDomainStatsTypes */
export const DomainStatsTypes = {
  STATE: 1,
  CPU_TOTAL: 2,
  BALLOON: 4,
  VCPU: 8,
  INTERFACE: 16,
  BLOCK: 32,
  PERF: 64,
  IOTHREAD: 128,
  MEMORY: 256,
  DIRTYRATE: 512,
  VM: 1024,
} as const;

/** virConnectListAllDomainsFlags (a subset). */
export const ListDomainsFlags = {
  ACTIVE: 1,
  INACTIVE: 2,
  PERSISTENT: 4,
  TRANSIENT: 8,
  RUNNING: 16,
  PAUSED: 32,
  SHUTOFF: 64,
  OTHER: 128,
  AUTOSTART: 1024,
} as const;

/** virDomainInterfaceAddressesSource */
export const InterfaceAddressSource = { LEASE: 0, AGENT: 1, ARP: 2 } as const;

/** virIPAddrType */
export const IpAddrType = { IPV4: 0, IPV6: 1 } as const;

/** virStorageVolType */
export const STORAGE_VOL_TYPES = ['file', 'block', 'dir', 'network', 'netdir', 'ploop'] as const;

/** virStoragePoolState */
export const STORAGE_POOL_STATES = ['inactive', 'building', 'running', 'degraded', 'inaccessible'] as const;

/** virStoragePoolBuildFlags (NEW is 0). */
export const StoragePoolBuildFlags = { NEW: 0, REPAIR: 1, RESIZE: 2, NO_OVERWRITE: 4, OVERWRITE: 8 } as const;

/** virStoragePoolDeleteFlags */
export const StoragePoolDeleteFlags = { NORMAL: 0, ZEROED: 1 } as const;

/** virStorageVolCreateFlags */
export const StorageVolCreateFlags = { PREALLOC_METADATA: 1, REFLINK: 2, VALIDATE: 4 } as const;

/** virStorageVolResizeFlags */
export const StorageVolResizeFlags = { ALLOCATE: 1, DELTA: 2, SHRINK: 4 } as const;

/** virIPAddrType as used in DHCP leases (same numbers as IpAddrType). */
export const DHCP_LEASE_TYPES = ['ipv4', 'ipv6'] as const;
