// tasks.* calls.
import type { HandlersOf } from '../calls.js';
import type { TaskService } from './task-service.js';

export function taskHandlers(tasks: TaskService): HandlersOf<'tasks'> {
  return {
    'tasks.list': async () => tasks.list(),
    'tasks.cancel': async ({ id }) => {
      tasks.cancel(id);
      return null;
    },
  };
}
