import type { ErrorReport } from './errors.js';

export const TASK_STATES = ['running', 'succeeded', 'failed', 'cancelled'] as const;
export type TaskState = (typeof TASK_STATES)[number];

export interface TaskStep {
  name: string;
  state: TaskState | 'pending';
  startedAt: string | null;
  endedAt: string | null;
}

export interface TaskInfo {
  id: string;
  title: string;
  host: string | null;
  state: TaskState;
  /** 0..1, or null when unknown. */
  progress: number | null;
  message: string | null;
  /** Why it failed or stopped (worded by the front end). */
  error: ErrorReport | null;
  cancellable: boolean;
  steps: TaskStep[];
  startedAt: string;
  endedAt: string | null;
}
