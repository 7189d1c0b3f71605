// Migration and job procedures of the remote program (numbers and structs from remote_protocol.x): the managed
// v3 sequence with typed parameters (Begin/Perform/Confirm on the source, Prepare/Finish on the destination), the
// job's statistics and its abort. Kept apart from procedures.ts so migration owns its wire definitions.
import { readTypedParams, typedParamsToRecord, writeTypedParam, type TypedParam, type XdrReader, type XdrWriter } from '../xdr/index.js';
import { readDomain, type DomainRef } from './structs.js';

export const MigrationProc = {
  DOMAIN_ABORT_JOB: 164,
  DOMAIN_MIGRATE_SET_MAX_DOWNTIME: 166,
  DOMAIN_GET_JOB_STATS: 298,
  DOMAIN_MIGRATE_BEGIN3_PARAMS: 302,
  DOMAIN_MIGRATE_PREPARE3_PARAMS: 303,
  DOMAIN_MIGRATE_PERFORM3_PARAMS: 305,
  DOMAIN_MIGRATE_FINISH3_PARAMS: 306,
  DOMAIN_MIGRATE_CONFIRM3_PARAMS: 307,
} as const;

/** virDomainMigrateFlags (the ones VirtDeck sets). */
export const MigrateFlags = {
  LIVE: 1,
  PERSIST_DEST: 8,
  UNDEFINE_SOURCE: 16,
  NON_SHARED_DISK: 64,
  ABORT_ON_ERROR: 4096,
} as const;

/** VIR_MIGRATE_PARAM_* names (typed-parameter fields). */
export const MigrateParam = {
  URI: 'migrate_uri',
  DEST_NAME: 'destination_name',
  DEST_XML: 'destination_xml',
  PERSIST_XML: 'persistent_xml',
  /** MiB/s, for memory and the disk copy (ullong). */
  BANDWIDTH: 'bandwidth',
} as const;

/** virDomainJobType: NONE means no job runs (the migration has not started or has ended). */
export const JobType = { NONE: 0, BOUNDED: 1, UNBOUNDED: 2, COMPLETED: 3, FAILED: 4, CANCELLED: 5 } as const;

/** A migration cookie (opaque bytes one side hands the other through the client). */
export type Cookie = Uint8Array;

export const writeTypedParamList = (w: XdrWriter, params: readonly TypedParam[]): void => {
  w.array(params, writeTypedParam);
};

export interface Begin3Result {
  cookie: Buffer;
  /** The domain XML the destination is to run (the migratable definition). */
  xml: string;
}

export const readBegin3: (r: XdrReader) => Begin3Result = (r) => ({ cookie: r.opaque(), xml: r.string() });

export interface Prepare3Result {
  cookie: Buffer;
  /** Where the source is to send the migration stream (the destination's choice), or null. */
  uri: string | null;
}

export const readPrepare3: (r: XdrReader) => Prepare3Result = (r) => ({ cookie: r.opaque(), uri: r.optional((x) => x.string()) });

export const readCookie: (r: XdrReader) => Buffer = (r) => r.opaque();

export interface Finish3Result {
  dom: DomainRef;
  cookie: Buffer;
}

export const readFinish3: (r: XdrReader) => Finish3Result = (r) => ({ dom: readDomain(r), cookie: r.opaque() });

export interface JobStats {
  /** virDomainJobType. */
  type: number;
  /** Typed parameters by name (memory_total, disk_remaining, downtime, ...). */
  params: Record<string, number | string | boolean>;
}

export const readJobStats: (r: XdrReader) => JobStats = (r) => ({ type: r.int(), params: typedParamsToRecord(readTypedParams(r)) });
