// A task's title in the user's language: the core sends what it does as {op, args}; the words are ours.
import type { TaskInfo } from '../../../shared/model/task.js';
import type { MessageKey, Translate } from '../../app/i18n/index.js';

export function taskTitle(t: Translate, task: Pick<TaskInfo, 'op' | 'args'>): string {
  // Every op has its sentence: a missing one is a type error here.
  const key: MessageKey = `task.op.${task.op}`;
  return t(key, task.args);
}
