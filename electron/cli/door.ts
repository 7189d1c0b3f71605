// The CLI's side of the one door: every call goes through the core's validated dispatcher, as from the app. A task
// call is started there and followed by its task id until it ends (its result, or its error), so a command can
// show that task's progress and nothing else's. Loaded, with the whole core, only when a command needs a host or
// the inventory.
import { type CallInput, type CallName, type CallValue, isTaskCall } from '../../shared/ipc/contract.js';
import type { CoreEvent } from '../../shared/model/events.js';
import type { TaskInfo } from '../../shared/model/task.js';
import type { ConsoleChannels } from '../core/api.js';
import { type Core, createCore } from '../core/core.js';
import type { CorePrompts } from '../core/prompts.js';

/** A call refused by the dispatcher, or a task that failed: the core's stable code and its one line. */
export class CallFailed extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'CallFailed';
  }
}

export interface Door {
  /** A plain call's value; a task call's result once its task has ended (`watch` sees each of its updates). */
  call<K extends CallName>(name: K, input: CallInput<K>, watch?: (task: TaskInfo) => void): Promise<CallValue<K>>;
  onEvent(listener: (e: CoreEvent) => void): () => void;
  readonly consoles: ConsoleChannels;
  close(): Promise<void>;
}

export async function openDoor(prompts?: CorePrompts): Promise<Door> {
  // Hosts are connected by the commands that need them (hosts.connect), never all in the background.
  const core = await createCore({ autoConnect: false, ...(prompts ? { prompts } : {}) });
  return {
    call: (name, input, watch) => (isTaskCall(name) ? followTask(core, name, input, watch) : core.call(name, input)),
    onEvent: (listener) => core.onEvent(listener),
    consoles: core.consoles,
    close: () => core.close(),
  };
}

/** Starts a task call and follows its task by id: updates go to `watch`; the result or the error ends it. */
export function followTask<K extends CallName>(core: Pick<Core, 'dispatch' | 'onEvent'>, name: K, input: CallInput<K>, watch?: (task: TaskInfo) => void): Promise<CallValue<K>> {
  return new Promise<CallValue<K>>((resolve, reject) => {
    let id: string | null = null;
    let ended = false;
    const early: TaskInfo[] = []; // updates sent before the dispatcher answered with the id
    const seen = (t: TaskInfo): void => {
      if (ended) return;
      watch?.(t);
      if (t.state === 'running') return;
      ended = true;
      off();
      if (t.state === 'succeeded') resolve(t.result as CallValue<K>);
      else reject(new CallFailed(t.error?.code ?? t.state, t.error?.message ?? `task ${t.op} ${t.state}`));
    };
    const off = core.onEvent((e) => {
      if (e.type !== 'task') return;
      if (id === null) early.push(e.task);
      else if (e.task.id === id) seen(e.task);
    });
    core.dispatch(name, input).then(
      (r) => {
        if (!r.ok) {
          off();
          reject(new CallFailed(r.code, r.message));
          return;
        }
        id = (r.value as { taskId: string }).taskId;
        for (const t of early.splice(0)) if (t.id === id) seen(t);
      },
      (err: unknown) => {
        off();
        reject(err);
      },
    );
  });
}
