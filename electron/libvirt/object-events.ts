// Storage pool and network event messages (remote_storage_pool_event_*_msg, remote_network_event_lifecycle_msg).
import { XdrReader } from './xdr/index.js';
import { EventProc } from './protocol/procedures.js';
import { NETWORK_LIFECYCLE_EVENTS, POOL_LIFECYCLE_EVENTS } from './protocol/object-events.js';
import { readNetwork, readPool, type NetworkRef, type StoragePoolRef } from './protocol/structs.js';

export interface PoolEvent {
  callbackId: number;
  pool: StoragePoolRef;
  /** Lifecycle: 'defined', 'started', ... ; 'refreshed' for a refresh event (its volumes may have changed). */
  event: string;
}

export interface NetworkEvent {
  callbackId: number;
  net: NetworkRef;
  /** 'defined', 'undefined', 'started', 'stopped'. */
  event: string;
}

const named = (names: readonly string[], n: number): string => names[n] ?? `unknown-${n}`;

/** Decodes a pool event message; null for other procedures. Throws on malformed bodies. */
export function decodePoolEvent(proc: number, body: Buffer): PoolEvent | null {
  if (proc !== EventProc.STORAGE_POOL_LIFECYCLE && proc !== EventProc.STORAGE_POOL_REFRESH) return null;
  const r = new XdrReader(body);
  const callbackId = r.int();
  const pool = readPool(r);
  if (proc === EventProc.STORAGE_POOL_REFRESH) return { callbackId, pool, event: 'refreshed' };
  const event = named(POOL_LIFECYCLE_EVENTS, r.int());
  r.int(); // detail: always 0 for pools
  return { callbackId, pool, event };
}

/** Decodes a network event message; null for other procedures. Throws on malformed bodies. */
export function decodeNetworkEvent(proc: number, body: Buffer): NetworkEvent | null {
  if (proc !== EventProc.NETWORK_LIFECYCLE) return null;
  const r = new XdrReader(body);
  const callbackId = r.int();
  const net = readNetwork(r);
  const event = named(NETWORK_LIFECYCLE_EVENTS, r.int());
  r.int(); // detail: always 0 for networks
  return { callbackId, net, event };
}
