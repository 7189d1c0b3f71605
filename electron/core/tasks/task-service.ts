// Long operations as tasks: progress, steps with timing, cancellation. Emits a snapshot on every change.
import { randomUUID } from 'node:crypto';
import type { TaskInfo, TaskState } from '../../../shared/model/task.js';
import type { ErrorReport } from '../../../shared/model/errors.js';
import { CoreError, errorReport } from '../errors.js';

export interface TaskContext {
  readonly signal: AbortSignal;
  progress(fraction: number | null, message?: string): void;
  /** Runs one named step, recording its timing; steps declared up front show as pending. */
  step<T>(name: string, fn: () => Promise<T>): Promise<T>;
}

export interface TaskOptions {
  title: string;
  host?: string | null;
  cancellable?: boolean;
  steps?: string[];
}

const KEEP_FINISHED = 200;

export class TaskService {
  private readonly tasks = new Map<string, TaskInfo>();
  private readonly controllers = new Map<string, AbortController>();

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

  async run<T>(opts: TaskOptions, fn: (ctx: TaskContext) => Promise<T>): Promise<T> {
    const task: TaskInfo = {
      id: randomUUID(),
      title: opts.title,
      host: opts.host ?? null,
      state: 'running',
      progress: null,
      message: null,
      error: null,
      cancellable: opts.cancellable ?? false,
      steps: (opts.steps ?? []).map((name) => ({ name, state: 'pending', startedAt: null, endedAt: null })),
      startedAt: new Date().toISOString(),
      endedAt: null,
    };
    const controller = new AbortController();
    this.tasks.set(task.id, task);
    this.controllers.set(task.id, controller);
    const changed = (): void => this.emit(structuredClone(task));
    changed();
    const ctx: TaskContext = {
      signal: controller.signal,
      progress: (fraction, message) => {
        task.progress = fraction === null ? null : Math.max(0, Math.min(1, fraction));
        if (message !== undefined) task.message = message;
        changed();
      },
      step: async (name, stepFn) => {
        controller.signal.throwIfAborted();
        let step = task.steps.find((s) => s.name === name && s.state === 'pending');
        if (!step) {
          step = { name, state: 'pending', startedAt: null, endedAt: null };
          task.steps.push(step);
        }
        step.state = 'running';
        step.startedAt = new Date().toISOString();
        task.message = name;
        changed();
        try {
          const value = await stepFn();
          step.state = 'succeeded';
          return value;
        } catch (err) {
          step.state = controller.signal.aborted ? 'cancelled' : 'failed';
          throw err;
        } finally {
          step.endedAt = new Date().toISOString();
          changed();
        }
      },
    };
    try {
      const value = await fn(ctx);
      this.finish(task, 'succeeded', null);
      return value;
    } catch (err) {
      this.finish(task, controller.signal.aborted ? 'cancelled' : 'failed', errorReport(err));
      throw err;
    } finally {
      this.controllers.delete(task.id);
      changed();
      this.prune();
    }
  }

  private finish(task: TaskInfo, state: TaskState, error: ErrorReport | null): void {
    task.state = state;
    task.error = error;
    task.endedAt = new Date().toISOString();
    if (state === 'succeeded') task.progress = 1;
  }

  private prune(): void {
    const finished = [...this.tasks.values()].filter((t) => t.state !== 'running');
    for (const t of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) this.tasks.delete(t.id);
  }
}
