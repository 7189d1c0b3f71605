// A task's title and step names in the user's language: the core sends what it does as {op, args} and steps by
// name; the words are ours.
import { TASK_STEPS, type TaskInfo, type TaskStepName } from '../../../shared/model/task.js';
import type { MessageKey, Translate } from '../../app/i18n/index.js';

export function taskTitle(t: Translate, task: Pick<TaskInfo, 'op' | 'args'>): string {
  // Every op has its sentence: a missing one is a type error here.
  const key: MessageKey = `task.op.${task.op}`;
  return t(key, task.args);
}

const isKnownStep = (name: string): name is TaskStepName => (TASK_STEPS as readonly string[]).includes(name);

/** A step's words; a step the UI does not know yet shows its name. */
export function stepLabel(t: Translate, name: string): string {
  if (!isKnownStep(name)) return name;
  const key: MessageKey = `task.step.${name}`;
  return t(key);
}
