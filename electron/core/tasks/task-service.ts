// Long operations as tasks: progress, steps with timing, cancellation, the result or the error's code. Emits a
// snapshot on every change. A task run inside a running task (a service's own task under a task call the
// dispatcher started) joins it: one task per user action, with the inner part's steps, host and cancel.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { TaskArgs, TaskInfo, TaskOp, TaskState } from '../../../shared/model/task.js';
import type { ErrorReport } from '../../../shared/model/errors.js';
import { CoreError, errorReport } from '../errors.js';

export interface TaskContext {
  readonly signal: AbortSignal;
  /** The fraction done (null: unknown) and, optionally, a note on what the task does now. */
  progress(fraction: number | null, message?: ErrorReport): void;
  /** Runs one named step, recording its timing; steps declared up front show as pending. */
  step<T>(name: string, fn: () => Promise<T>): Promise<T>;
}

/** A context for work done outside a task's own steps: no step records, progress as given (default: dropped). */
export function quietContext(signal: AbortSignal, progress: TaskContext['progress'] = () => undefined): TaskContext {
  return { signal, progress, step: (_name, fn) => fn() };
}

export interface TaskOptions {
  /** The task's id when the caller needs it before the task starts (the audit log's entry); default a fresh one. */
  id?: string;
  op: TaskOp;
  args: TaskArgs;
  host?: string | null;
  cancellable?: boolean;
  steps?: string[];
}

/** A started task: its id at once, its value (or the thrown error, as is) when it ends. */
export interface StartedTask<T> {
  id: string;
  done: Promise<T>;
}

interface Running {
  task: TaskInfo;
  ctx: TaskContext;
  changed(): void;
}

const KEEP_FINISHED = 200;

export class TaskService {
  private readonly tasks = new Map<string, TaskInfo>();
  private readonly controllers = new Map<string, AbortController>();
  private readonly current = new AsyncLocalStorage<Running>();

  constructor(private readonly emit: (task: TaskInfo) => void) {}

  list(): TaskInfo[] {
    return [...this.tasks.values()].map((t) => structuredClone(t));
  }

  cancel(id: string): void {
    const task = this.tasks.get(id);
    if (!task) throw new CoreError('task.not-found', { id });
    if (!task.cancellable) throw new CoreError('task.not-cancellable', { id });
    this.controllers.get(id)?.abort(new CoreError('cancelled', {}));
  }

  /** Runs fn as a task and waits for it; inside a running task, fn joins that task instead. */
  async run<T>(opts: TaskOptions, fn: (ctx: TaskContext) => Promise<T>): Promise<T> {
    const outer = this.current.getStore();
    if (outer?.task.state === 'running') return join(outer, opts, fn);
    return this.start(opts, fn).done;
  }

  /** Starts fn as a new task; the id is known (and announced) before fn's first await. */
  start<T>(opts: TaskOptions, fn: (ctx: TaskContext) => Promise<T>): StartedTask<T> {
    const task: TaskInfo = {
      id: opts.id ?? randomUUID(),
      op: opts.op,
      args: { ...opts.args },
      host: opts.host ?? null,
      state: 'running',
      progress: null,
      message: null,
      error: null,
      result: null,
      cancellable: opts.cancellable ?? false,
      steps: [],
      startedAt: new Date().toISOString(),
      endedAt: null,
    };
    addSteps(task, opts.steps);
    const controller = new AbortController();
    this.tasks.set(task.id, task);
    this.controllers.set(task.id, controller);
    const changed = (): void => this.emit(structuredClone(task));
    changed();
    const ctx = contextOf(task, controller.signal, changed);
    const done = this.current.run({ task, ctx, changed }, async () => {
      try {
        const value = await fn(ctx);
        task.result = value;
        this.finish(task, 'succeeded');
        return value;
      } catch (err) {
        task.error = errorReport(err);
        this.finish(task, controller.signal.aborted ? 'cancelled' : 'failed');
        throw err;
      } finally {
        this.controllers.delete(task.id);
        changed();
        this.prune();
      }
    });
    return { id: task.id, done };
  }

  private finish(task: TaskInfo, state: TaskState): void {
    task.state = state;
    task.endedAt = new Date().toISOString();
    if (state === 'succeeded') task.progress = 1;
  }

  private prune(): void {
    const finished = [...this.tasks.values()].filter((t) => t.state !== 'running');
    for (const t of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) this.tasks.delete(t.id);
  }
}

/** The inner part knows more (resolved host, its steps, whether it can stop cleanly): the task takes it over. */
function join<T>(outer: Running, opts: TaskOptions, fn: (ctx: TaskContext) => Promise<T>): Promise<T> {
  const { task } = outer;
  task.args = { ...task.args, ...opts.args };
  if (opts.host) task.host = opts.host;
  if (opts.cancellable !== undefined) task.cancellable = opts.cancellable;
  addSteps(task, opts.steps);
  outer.changed();
  return fn(outer.ctx);
}

function addSteps(task: TaskInfo, names: readonly string[] | undefined): void {
  for (const name of names ?? []) {
    if (!task.steps.some((s) => s.name === name)) task.steps.push({ name, state: 'pending', startedAt: null, endedAt: null });
  }
}

function contextOf(task: TaskInfo, signal: AbortSignal, changed: () => void): TaskContext {
  return {
    signal,
    progress: (fraction, message) => {
      task.progress = fraction === null ? null : Math.max(0, Math.min(1, fraction));
      if (message !== undefined) task.message = message;
      changed();
    },
    step: async (name, stepFn) => {
      signal.throwIfAborted();
      let step = task.steps.find((s) => s.name === name && s.state === 'pending');
      if (!step) {
        step = { name, state: 'pending', startedAt: null, endedAt: null };
        task.steps.push(step);
      }
      step.state = 'running';
      step.startedAt = new Date().toISOString();
      task.message = null; // an earlier step's note; the running step shows in `steps`
      changed();
      try {
        const value = await stepFn();
        step.state = 'succeeded';
        return value;
      } catch (err) {
        step.state = signal.aborted ? 'cancelled' : 'failed';
        throw err;
      } finally {
        step.endedAt = new Date().toISOString();
        changed();
      }
    },
  };
}
