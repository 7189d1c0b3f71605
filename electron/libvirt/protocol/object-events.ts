// Storage pool and network event ids (virStoragePoolEventID, virNetworkEventID) and lifecycle names. libvirt has no
// storage volume events: on 9.0, vol-create/vol-delete/vol-resize emit nothing, vol-upload a pool 'refresh'.

export const PoolEventId = { LIFECYCLE: 0, REFRESH: 1 } as const;
export const NetworkEventId = { LIFECYCLE: 0 } as const;

/** virStoragePoolEventLifecycleType, by number ('created' = built, 'deleted' = its storage removed). */
export const POOL_LIFECYCLE_EVENTS = ['defined', 'undefined', 'started', 'stopped', 'created', 'deleted'] as const;

/** virNetworkEventLifecycleType, by number. */
export const NETWORK_LIFECYCLE_EVENTS = ['defined', 'undefined', 'started', 'stopped'] as const;

/** virConnectListAllStoragePoolsFlags (a subset). */
export const ListPoolsFlags = { INACTIVE: 1, ACTIVE: 2 } as const;
