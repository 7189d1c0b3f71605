// Long-running core tasks (progress, cancel, errors), and waiting for one by id: a task call answers its task's id
// at once, the task's events bring its result (or its error's code).
import { create } from 'zustand';
import { report } from '../../shared/model/errors.js';
import type { CallInput, TaskCallName, TaskResult } from '../../shared/ipc/contract.js';
import type { TaskInfo } from '../../shared/model/task.js';
import { ApiError } from '../api/client.js';
import { backend } from './backend.js';

interface TasksState {
  byId: Readonly<Record<string, TaskInfo>>;
  setAll(list: readonly TaskInfo[]): void;
  upsert(task: TaskInfo): void;
  /** Forget finished tasks (the core keeps its own history). */
  clearFinished(): void;
  cancel(id: string): Promise<void>;
}

export const useTasks = create<TasksState>()((set, get) => ({
  byId: {},
  setAll(list) {
    set({ byId: Object.fromEntries(list.map((t) => [t.id, t])) });
  },
  upsert(task) {
    set({ byId: { ...get().byId, [task.id]: task } });
  },
  clearFinished() {
    set({ byId: Object.fromEntries(Object.entries(get().byId).filter(([, t]) => t.state === 'running')) });
  },
  cancel: (id) => backend().api['tasks.cancel']({ id }).then(() => undefined),
}));

/** Newest first. */
export function sortedTasks(byId: Readonly<Record<string, TaskInfo>>): TaskInfo[] {
  return Object.values(byId).sort((a, b) => b.startedAt.localeCompare(a.startedAt));
}

/** The end of task `id`: its result when it succeeded; an ApiError with its report when it failed or was cancelled. */
export function waitTask(id: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const settled = (task: TaskInfo | undefined): boolean => {
      if (!task || task.state === 'running') return false;
      if (task.state === 'succeeded') resolve(task.result);
      else reject(new ApiError(task.error ?? (task.state === 'cancelled' ? report('cancelled', {}) : report('internal', { message: task.state }))));
      return true;
    };
    if (settled(useTasks.getState().byId[id])) return;
    const unsubscribe = useTasks.subscribe((s) => {
      if (settled(s.byId[id])) unsubscribe();
    });
  });
}

/** Starts a task call: its task's id as soon as the core answers, and its result when the task ends. */
export async function startTask<K extends TaskCallName>(name: K, input: CallInput<K>): Promise<{ id: string; result: Promise<TaskResult<K>> }> {
  const call = backend().api[name] as (input: CallInput<K>) => Promise<{ taskId: string }>;
  const { taskId } = await call(input);
  return { id: taskId, result: waitTask(taskId) as Promise<TaskResult<K>> };
}

/** A task call's result (what the call's contract names `result`), once its task ends. */
export async function runTask<K extends TaskCallName>(name: K, input: CallInput<K>): Promise<TaskResult<K>> {
  return (await startTask(name, input)).result;
}
