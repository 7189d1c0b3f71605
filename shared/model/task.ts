// Long work as tasks: the core starts one per long call and answers its id at once; progress, steps and the
// result (or the error's code) follow by id as `task` events. Titles are data ({op, args}) the UI words.
import { BULK_ACTIONS } from './bulk.js';
import type { ErrorReport } from './errors.js';
import { NETWORK_ACTIONS } from './network.js';
import { POOL_ACTIONS } from './storage.js';
import { VM_ACTIONS } from './vm.js';

export const TASK_STATES = ['running', 'succeeded', 'failed', 'cancelled'] as const;
export type TaskState = (typeof TASK_STATES)[number];

/** What a task does, one word key per kind; the UI has a sentence for each (task.op.<op>). */
export const TASK_OPS = [
  'host.probe-key',
  'host.add',
  'host.update',
  'host.test',
  'host.connect',
  'host.connect-all',
  ...VM_ACTIONS.map((a) => `vm.${a}` as const),
  'vm.delete',
  'vm.attach-disk',
  'vm.detach-disk',
  'vm.migrate',
  'vm.clone',
  'host.evacuate',
  'pool.discover',
  'pool.define',
  ...POOL_ACTIONS.map((a) => `pool.${a}` as const),
  'pool.delete',
  'volume.create',
  'volume.clone',
  'volume.resize',
  'volume.delete',
  'volume.upload',
  'volume.download',
  'volume.copy',
  'network.define',
  ...NETWORK_ACTIONS.map((a) => `network.${a}` as const),
  'network.delete',
  'snapshot.create',
  'snapshot.revert',
  'snapshot.delete',
  'bridge.create',
  'bridge.delete',
  'bridge.confirm',
  'image.upload',
  'image.download',
  'image.adopt',
  'image.copy',
  'image.template',
  'instance.launch',
  'vm.create',
  ...BULK_ACTIONS.map((a) => `bulk.${a}` as const),
] as const;
export type TaskOp = (typeof TASK_OPS)[number];

/** Names of the steps tasks declare; the UI words them (task.step.<name>) and shows any other name as is. */
export const TASK_STEPS = [
  'clone', 'seed', 'define', 'boot', 'cloud-init', // launch
  'disk', 'convert', // new VM (and download, from a URL)
  'download', 'verify', 'register', // image from a URL
  'upload', 'refresh', // volume upload
  'delete volumes', 'stop', 'delete storage', 'undefine', // pool delete
  'precheck', 'migrate', 'copy', 'finish', // migration
  'forget identity', 'shut down', // template
  'start', // clone
] as const;
export type TaskStepName = (typeof TASK_STEPS)[number];

/** The names and numbers a task's sentence is made of (vm, pool, volume, file, ...). */
export type TaskArgs = Readonly<Record<string, string | number>>;

export interface TaskStep {
  name: string;
  state: TaskState | 'pending';
  startedAt: string | null;
  endedAt: string | null;
}

/** Why a task failed: the same code and line as a call's error envelope. */
export interface TaskInfo {
  id: string;
  op: TaskOp;
  args: TaskArgs;
  host: string | null;
  state: TaskState;
  /** 0..1, or null when unknown. */
  progress: number | null;
  /** What the task is doing now (a note the front end words). */
  message: ErrorReport | null;
  /** Why it failed or stopped (worded by the front end). */
  error: ErrorReport | null;
  /** The call's value once the task succeeded (as its contract's `result` schema says); null before. */
  result: unknown;
  cancellable: boolean;
  steps: TaskStep[];
  startedAt: string;
  endedAt: string | null;
}
