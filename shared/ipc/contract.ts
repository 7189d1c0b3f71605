// The one API between the UI and the core: call name → input/output schemas. The preload, the main-process
// router, the loopback bridge and the renderer client are all derived from this object.
import { z } from 'zod';
import {
  hostConfig,
  hostInfo,
  hostKeyProbe,
  hostName,
  sshTarget,
  storedEvent,
  taskInfo,
  vmAction,
  vmInfo,
  vmRef,
  vmStats,
} from './schemas.js';

const none = z.object({}).strict();

export const contract = {
  'hosts.list': { input: none, output: z.array(hostInfo) },
  /** Connects far enough to read the SSH host key; nothing is stored. */
  'hosts.probeKey': {
    input: z.object({ ssh: sshTarget, knownHostsFile: z.string().optional() }).strict(),
    output: hostKeyProbe,
  },
  /** Adds and connects a host. An unknown host key is accepted only if it equals acceptFingerprint. */
  'hosts.add': {
    input: z.object({ config: hostConfig, acceptFingerprint: z.string().optional() }).strict(),
    output: hostInfo,
  },
  'hosts.remove': { input: z.object({ name: hostName }).strict(), output: z.null() },
  'hosts.test': {
    input: z.object({ name: hostName }).strict(),
    output: z.object({
      ok: z.boolean(),
      hostname: z.string().nullable(),
      libvirtVersion: z.string().nullable(),
      channel: z.string().nullable(),
      latencyMs: z.number().nullable(),
      error: z.string().nullable(),
    }),
  },
  /** Non-wildcard Host aliases from ~/.ssh/config, for the add-host wizard. */
  'hosts.sshAliases': { input: none, output: z.array(z.string()) },
  /**
   * When this machine runs libvirtd and no local host is configured yet: the socket to offer as the first host
   * (as virt-manager does), else null.
   */
  'hosts.localCandidate': {
    input: none,
    output: z.object({ socket: z.string(), uri: z.string(), suggestedName: z.string() }).nullable(),
  },
  /** Public keys found in ~/.ssh (file names), for pickers. */
  'hosts.localKeys': { input: none, output: z.array(z.string()) },

  'vms.list': { input: z.object({ host: hostName.optional() }).strict(), output: z.array(vmInfo) },
  'vms.action': { input: z.object({ ref: vmRef, action: vmAction }).strict(), output: z.null() },
  'vms.delete': { input: z.object({ ref: vmRef, withStorage: z.boolean() }).strict(), output: z.null() },
  'vms.rename': {
    input: z.object({ ref: vmRef, newName: z.string().min(1).max(200) }).strict(),
    output: z.null(),
  },
  'vms.setAutostart': { input: z.object({ ref: vmRef, autostart: z.boolean() }).strict(), output: z.null() },
  'vms.setLocked': { input: z.object({ ref: vmRef, locked: z.boolean() }).strict(), output: z.null() },
  'vms.xml': { input: z.object({ ref: vmRef, inactive: z.boolean().optional() }).strict(), output: z.string() },
  'vms.events': {
    input: z.object({ ref: vmRef, limit: z.number().int().min(1).max(1000).optional() }).strict(),
    output: z.array(storedEvent),
  },

  'stats.refresh': {
    input: z.object({ host: hostName.optional() }).strict(),
    output: z.array(z.object({ host: z.string(), at: z.string(), stats: z.array(vmStats) })),
  },

  'tasks.list': { input: none, output: z.array(taskInfo) },
  'tasks.cancel': { input: z.object({ id: z.string() }).strict(), output: z.null() },
} as const;

export type Contract = typeof contract;
export type CallName = keyof Contract;
export type CallInput<K extends CallName> = z.input<Contract[K]['input']>;
export type CallOutput<K extends CallName> = z.output<Contract[K]['output']>;

/** What the core must implement: one async handler per call. A missing handler is a type error. */
export type ApiHandlers = { [K in CallName]: (input: z.output<Contract[K]['input']>) => Promise<CallOutput<K>> };

/** What the renderer sees (window.api / bridge client). */
export type Api = { [K in CallName]: (input: CallInput<K>) => Promise<CallOutput<K>> };

/** Result envelope over IPC and the bridge: errors carry a stable code and one readable line. */
export type CallResult<T> = { ok: true; value: T } | { ok: false; code: string; message: string };
