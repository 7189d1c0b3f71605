// Argument codecs (one per method parameter) and result decoders of the procedure table (../api.ts).
import type { VmState } from '../../../shared/model/index.js';
import type { TypedParam, XdrReader, XdrWriter } from '../xdr/index.js';
import { writeTypedParamList } from './migration.js';
import { domainStateName } from './states.js';
import { writeSnapshot, type SnapshotRef } from './snapshots.js';
import {
  readDomainInfo,
  writeDomain,
  writeNetwork,
  writePool,
  writeUuid,
  writeVol,
  type DomainRef,
  type NetworkRef,
  type StoragePoolRef,
  type StorageVolRef,
} from './structs.js';

/** How one method parameter goes on the wire; an optional one (a trailing `flags`, say) may be left out. */
export interface Arg<T, Optional extends boolean = false> {
  readonly optional: Optional;
  encode(w: XdrWriter, v: T): void;
}

export type Decode<T> = (r: XdrReader) => T;

const arg = <T>(encode: (w: XdrWriter, v: T) => void): Arg<T> => ({ optional: false, encode });
const optionalArg = <T>(encode: (w: XdrWriter, v: T | undefined) => void): Arg<T | undefined, true> => ({ optional: true, encode });
const writeOptString = (w: XdrWriter, s: string | null | undefined): void => void w.optional(s, (x, v) => x.string(v));

export const int = arg<number>((w, v) => w.int(v));
export const uint = arg<number>((w, v) => w.uint(v));
export const uhyper = arg<number>((w, v) => w.uhyper(v));
export const bool = arg<boolean>((w, v) => w.bool(v));
export const string = arg<string>((w, v) => w.string(v));
/** remote_string: a string or null. */
export const nullableString = arg<string | null>(writeOptString);
/** A trailing remote_string that may be left out (null). */
export const optionalString = optionalArg<string | null>(writeOptString);
export const uuid = arg<string>(writeUuid);
export const domain = arg<DomainRef>(writeDomain);
export const pool = arg<StoragePoolRef>(writePool);
export const network = arg<NetworkRef>(writeNetwork);
export const volume = arg<StorageVolRef>(writeVol);
export const snapshot = arg<SnapshotRef>(writeSnapshot);
/** remote_typed_param<>: a list of named, typed values. */
export const typedParams = arg<readonly TypedParam[]>(writeTypedParamList);
/** Variable-length opaque bytes (a migration cookie). */
export const opaque = arg<Uint8Array>((w, v) => void w.opaque(v));
export const domains = arg<readonly DomainRef[]>((w, v) => void w.array(v, writeDomain));
/** A trailing domain/pool/network that may be left out (event registration: all of them). */
export const optionalDomain = optionalArg<DomainRef>((w, v) => void w.optional(v, writeDomain));
export const optionalPool = optionalArg<StoragePoolRef>((w, v) => void w.optional(v, writePool));
export const optionalNetwork = optionalArg<NetworkRef>((w, v) => void w.optional(v, writeNetwork));
/** Trailing flags, 0 when left out. */
export const flags = optionalArg<number>((w, v) => void w.uint(v ?? 0));
/** The `need_results` of list calls (always 1), then trailing flags. */
export const listFlags = optionalArg<number>((w, v) => void w.int(1).uint(v ?? 0));

export const none: Decode<void> = () => undefined;
export const str: Decode<string> = (r) => r.string();
export const optStr: Decode<string | null> = (r) => r.optional((x) => x.string());
export const intBool: Decode<boolean> = (r) => r.int() !== 0;
export const int32: Decode<number> = (r) => r.int();
export const uhyperNumber: Decode<number> = (r) => r.uhyperNumber();
export const arrayOf = <T>(item: Decode<T>): Decode<T[]> => (r) => r.array(item);
/** A list followed by the count libvirt returns as `ret` (dropped). */
export const listWithCount = <T>(item: Decode<T>): Decode<T[]> => (r) => {
  const items = r.array(item);
  r.int();
  return items;
};

/** "9.0.0" from libvirt's major * 1,000,000 + minor * 1,000 + release. */
export const version: Decode<string> = (r) => {
  const v = r.uhyperNumber();
  return `${Math.floor(v / 1_000_000)}.${Math.floor(v / 1000) % 1000}.${v % 1000}`;
};

export interface DomainInfoResult {
  state: VmState;
  maxMemKiB: number;
  memoryKiB: number;
  nrVirtCpu: number;
  cpuTimeNs: number;
}

export const domainInfo: Decode<DomainInfoResult> = (r) => {
  const info = readDomainInfo(r);
  return { ...info, state: domainStateName(info.state) };
};

/** State and its virDomain*Reason number. */
export const domainState: Decode<{ state: VmState; reason: number }> = (r) => ({ state: domainStateName(r.int()), reason: r.int() });
