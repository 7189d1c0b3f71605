// Moving a VM to another host: what the caller asks for and what the task ends with.
import { z } from 'zod';
import { lazySchema } from './lazy-schema.js';
import { errorReport } from './error-schema.js';
import { networkName } from './network-schemas.js';
import { hostName, vmRef } from './schemas.js';

export const migrateSpec = lazySchema(() => z
  .object({
    ref: vmRef,
    dest: hostName,
    /** Only a shut-off VM (copied, then defined there); without it the state decides: running live, shut off offline. */
    offline: z.boolean().default(false),
    /** copy: the disks travel with the VM (no shared storage); shared: the target reaches the same files. */
    storage: z.enum(['copy', 'shared']).default('copy'),
    /** Source network → target network, for networks the target names differently. */
    networkMap: z.record(networkName, networkName).default({}),
    /** After a copy: delete the source's copied volumes. */
    deleteSource: z.boolean().default(false),
    /** Cap on the transfer rate (memory and disk copy), MiB/s. */
    bandwidthMiBps: z.number().int().min(1).max(1_000_000).optional(),
    /** Longest pause at the switch-over, in ms. */
    maxDowntimeMs: z.number().int().min(1).max(600_000).optional(),
    /**
     * A new address for an IPAM-held one that cannot stay (the target network is another L2 segment): "auto" or an
     * address/CIDR of the target network's IPAM.
     */
    ip: z.string().trim().min(1).max(64).optional(),
  })
  .strict());

export const migrateResult = lazySchema(() => z.object({
  host: z.string(),
  name: z.string(),
  uuid: z.string(),
  /** Disk paths copied to the target (storage "copy"). */
  copiedDisks: z.array(z.string()),
  /** Source volumes deleted afterwards (deleteSource). */
  deletedSourceVolumes: z.array(z.string()),
  /** Each IPAM-held address: kept (same segment) or the new one on the target. */
  addresses: z.array(z.object({ network: z.string(), ip: z.string(), kept: z.boolean() })),
  /** The pause at the switch-over as libvirt measured it (ms), when it reports one. */
  downtimeMs: z.number().nullable(),
  seconds: z.number(),
}));

export const evacuateSpec = lazySchema(() => z
  .object({
    host: hostName,
    /** Where VMs may go (default: every other online host). */
    to: z.array(hostName).min(1).optional(),
    /** Also move the shut-off VMs (offline); by default only those that run. */
    includeStopped: z.boolean().default(false),
  })
  .strict());

export const evacuateResult = lazySchema(() => z.object({
  moved: z.array(z.object({ vm: z.string(), uuid: z.string(), host: z.string() })),
  /** VMs that stay, each with why no target took it (the last target's refusal). */
  left: z.array(z.object({ vm: z.string(), uuid: z.string(), why: errorReport })),
}));

export const volumeCopySpec = lazySchema(() => z
  .object({
    host: hostName,
    pool: z.string().min(1),
    volume: z.string().min(1),
    dest: hostName,
    /** Default: a pool of the same name on the target. */
    destPool: z.string().min(1).optional(),
    newName: z.string().min(1).max(255).optional(),
  })
  .strict());

export const volumeCopyResult = lazySchema(() => z.object({
  host: z.string(),
  pool: z.string(),
  volume: z.string(),
  path: z.string(),
  bytes: z.number(),
  sha256: z.string(),
  /** Straight between the volumes' files over SFTP, or (a side not file-backed) libvirt's volume stream. */
  via: z.enum(['ssh', 'stream']),
}));

export const imageCopySpec = lazySchema(() => z.object({ host: hostName, name: z.string().min(1), dest: hostName }).strict());

export const imageCopyResult = lazySchema(() => volumeCopyResult.extend({ name: z.string() }));
