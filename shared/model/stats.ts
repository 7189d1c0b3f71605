// One bulk-stats sample of a VM (from connectGetAllDomainStats). Rates are derived by the consumer from two samples.
export interface VmStats {
  uuid: string;
  name: string;
  state: number;
  /** Cumulative guest CPU time, ns. */
  cpuTimeNs: number | null;
  vcpus: number | null;
  /** KiB. */
  memoryCurrentKiB: number | null;
  memoryAvailableKiB: number | null;
  memoryUnusedKiB: number | null;
  /** Cumulative block and net counters summed over devices. */
  blockReadBytes: number | null;
  blockWriteBytes: number | null;
  netRxBytes: number | null;
  netTxBytes: number | null;
  /** Every raw typed param, for consumers that want more. */
  raw: Record<string, number | string | boolean>;
}
