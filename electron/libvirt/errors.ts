// Errors thrown to callers of the libvirt client.
import type { RemoteError } from './protocol/structs.js';

/** virErrorNumber values callers commonly test for. */
export const VirErrorCode = {
  INTERNAL_ERROR: 1,
  NO_SUPPORT: 3,
  INVALID_ARG: 8,
  OPERATION_FAILED: 9,
  RPC: 39,
  NO_DOMAIN: 42,
  NO_NETWORK: 43,
  NO_STORAGE_POOL: 49,
  NO_STORAGE_VOL: 50,
  OPERATION_INVALID: 55,
  /** The domain has no metadata element in the namespace asked. */
  NO_DOMAIN_METADATA: 80,
} as const;

/** An error reported by libvirtd (error reply or aborted stream). */
export class LibvirtError extends Error {
  override name = 'LibvirtError';
  /** virErrorNumber */
  readonly code: number;
  /** virErrorDomain (the subsystem that raised it) */
  readonly domain: number;
  /** virErrorLevel: 1 warning, 2 error */
  readonly level: number;
  readonly str1: string | null;
  readonly str2: string | null;
  readonly str3: string | null;
  readonly int1: number;
  readonly int2: number;
  /** Procedure number of the call that failed (0 when not from a call). */
  readonly proc: number;

  constructor(e: RemoteError, proc = 0) {
    super(e.message ?? `libvirt error ${e.code}`);
    this.code = e.code;
    this.domain = e.domain;
    this.level = e.level;
    this.str1 = e.str1;
    this.str2 = e.str2;
    this.str3 = e.str3;
    this.int1 = e.int1;
    this.int2 = e.int2;
    this.proc = proc;
  }
}

/** The connection is closed (by us, by the peer, or declared dead by keepalive). */
export class LibvirtConnectionClosedError extends Error {
  override name = 'LibvirtConnectionClosedError';
}

/** The peer sent bytes that do not follow the protocol; the connection is closed. */
export class LibvirtProtocolError extends Error {
  override name = 'LibvirtProtocolError';
}

/** One reply could not be decoded (e.g. a string over libvirt's 4 MiB cap): that call failed, the connection is fine. */
export class LibvirtBadReplyError extends Error {
  override name = 'LibvirtBadReplyError';
  constructor(
    readonly proc: number,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** A call got no reply in time; the daemon may still carry it out. The connection stays up. */
export class LibvirtCallTimeoutError extends Error {
  override name = 'LibvirtCallTimeoutError';
  constructor(
    readonly proc: number,
    readonly timeoutMs: number,
    message: string,
  ) {
    super(message);
  }
}
