// Long-running core tasks (progress, cancel, errors).
import { create } from 'zustand';
import type { TaskInfo } from '../../shared/model/task.js';
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
