// zod schemas of the shared model, used to validate every IPC / web API payload in the main process.
import { FACT_COLUMN_KINDS } from '../model/vm-facts.js';
import { z } from 'zod';
import { lazySchema } from './lazy-schema.js';
import { HOST_STATUSES } from '../model/host.js';
import { VM_ACTIONS, VM_STATES } from '../model/vm.js';
import { TASK_OPS, TASK_STATES } from '../model/task.js';
import { errorReport } from './error-schema.js';

/** Names users give hosts: shown in UI, used in "host/vm" refs, so no slash and no control characters. */
export const hostName = lazySchema(() => z
  .string()
  .min(1)
  .max(64)
  .regex(/^[^/\p{Cc}]+$/u, 'host name must not contain "/" or control characters'));

export const sshTarget = lazySchema(() => z.object({
  host: z.string().min(1).max(255),
  port: z.number().int().min(1).max(65535).optional(),
  user: z.string().min(1).max(64).optional(),
  identityFile: z.string().min(1).max(4096).optional(),
  jump: z.string().min(1).max(1024).optional(),
}));

export const hostConfig = lazySchema(() => z.object({
  name: hostName,
  transport: z.enum(['ssh', 'local']),
  ssh: sshTarget.optional(),
  uri: z.string().min(1).max(1024),
  knownHostsFile: z.string().min(1).max(4096).optional(),
  virtType: z.enum(['kvm', 'qemu']).nullable().optional(),
}));

/**
 * A host's settings as typed in the wizard, for hosts.check: the SSH host, user and port as typed (port null: not a
 * number), so the core names every problem at once rather than the schema the first layer.
 */
export const hostConfigDraft = lazySchema(() => hostConfig.omit({ knownHostsFile: true }).extend({
  ssh: sshTarget.extend({ host: z.string().max(255), port: z.number().nullable().optional(), user: z.string().max(64).optional() }).optional(),
}));

export const hostInfo = lazySchema(() => hostConfig.extend({
  status: z.enum(HOST_STATUSES),
  statusSince: z.string(),
  lastError: errorReport.nullable(),
  hostname: z.string().nullable(),
  libvirtVersion: z.string().nullable(),
  ignoredSshSettings: z.array(z.object({ setting: z.string(), file: z.string(), line: z.number() })).optional(),
}));

export const vmRef = lazySchema(() => z.object({ host: hostName, vm: z.string().min(1).max(1024) }));

export const diskInfo = lazySchema(() => z.object({
  target: z.string(),
  device: z.enum(['disk', 'cdrom', 'floppy', 'lun']),
  source: z.string().nullable(),
  format: z.string().nullable(),
  bus: z.string().nullable(),
}));

export const nicInfo = lazySchema(() => z.object({
  mac: z.string(),
  type: z.string(),
  source: z.string().nullable(),
  model: z.string().nullable(),
  ips: z.array(z.string()),
}));

export const vmInfo = lazySchema(() => z.object({
  host: z.string(),
  name: z.string(),
  uuid: z.string(),
  state: z.enum(VM_STATES),
  vcpus: z.number(),
  memoryMiB: z.number(),
  autostart: z.boolean(),
  persistent: z.boolean(),
  locked: z.boolean(),
  disks: z.array(diskInfo),
  nics: z.array(nicInfo),
  ips: z.array(z.string()),
  tags: z.array(z.string()),
  owner: z.string().nullable(),
  notes: z.string(),
  fields: z.record(z.string(), z.string()),
  firstSeen: z.string(),
  lastSeen: z.string(),
  stale: z.boolean(),
}));

export const vmAction = lazySchema(() => z.enum(VM_ACTIONS));

export const factColumn = lazySchema(() => z.object({ name: z.string(), kind: z.enum(FACT_COLUMN_KINDS), choices: z.array(z.string()).max(64) }).strict());

export const taskInfo = lazySchema(() => z.object({
  id: z.string(),
  op: z.enum(TASK_OPS),
  args: z.record(z.string(), z.union([z.string(), z.number()])),
  host: z.string().nullable(),
  state: z.enum(TASK_STATES),
  progress: z.number().nullable(),
  message: errorReport.nullable(),
  error: errorReport.nullable(),
  result: z.unknown(),
  cancellable: z.boolean(),
  steps: z.array(
    z.object({
      name: z.string(),
      state: z.enum([...TASK_STATES, 'pending']),
      startedAt: z.string().nullable(),
      endedAt: z.string().nullable(),
    }),
  ),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
}));

/** What a task call answers at once; the rest follows as `task` events with this id. */
export const taskStarted = lazySchema(() => z.object({ taskId: z.string() }));

export const vmStats = lazySchema(() => z.object({
  uuid: z.string(),
  name: z.string(),
  state: z.number(),
  cpuTimeNs: z.number().nullable(),
  vcpus: z.number().nullable(),
  memoryCurrentKiB: z.number().nullable(),
  memoryAvailableKiB: z.number().nullable(),
  memoryUnusedKiB: z.number().nullable(),
  blockReadBytes: z.number().nullable(),
  blockWriteBytes: z.number().nullable(),
  netRxBytes: z.number().nullable(),
  netTxBytes: z.number().nullable(),
  raw: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])),
}));

export const storedEvent = lazySchema(() => z.object({
  id: z.number(),
  host: z.string().nullable(),
  vmUuid: z.string().nullable(),
  kind: z.string(),
  /** The English log line; front ends word `data.params` (shared/model/vm-events.ts) and show this only without. */
  message: z.string(),
  at: z.string(),
  data: z.unknown(),
}));

export const hostKeyProbe = lazySchema(() => z.object({
  host: z.string(),
  port: z.number(),
  keyType: z.string(),
  fingerprint: z.string(),
  /** known: matches known_hosts; unknown: needs the user's confirmation; changed: refused. */
  status: z.enum(['known', 'unknown', 'changed', 'revoked']),
  /** For an unknown key: types of the keys known_hosts already has for this host (a warning sign). */
  otherKnownTypes: z.array(z.string()).optional(),
}));
