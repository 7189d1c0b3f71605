// The CLI's side of the one door: every call goes through the core's validated dispatcher, as from the app. A task
// call is started there and followed by its task id until it ends (its result, or its error), so a command can
// show that task's progress and nothing else's. Loaded, with the whole core, only when a command needs a host or
// the inventory.
import { type CallInput, type CallName, type CallValue, isTaskCall } from '../../shared/ipc/contract.js';
import { type ErrorReport, report } from '../../shared/model/errors.js';
import type { CoreEvent } from '../../shared/model/events.js';
import type { TaskInfo } from '../../shared/model/task.js';
import type { ConsoleChannels } from '../core/api.js';
import { type Core, createCore } from '../core/core.js';
import type { CorePrompts } from '../core/prompts.js';
import { CallFailed } from './failure.js';

export { CallFailed, reportOf } from './failure.js';

export interface Door {
  /** A plain call's value; a task call's result once its task has ended (`watch` sees each of its updates). */
  call<K extends CallName>(name: K, input: CallInput<K>, watch?: (task: TaskInfo) => void): Promise<CallValue<K>>;
  onEvent(listener: (e: CoreEvent) => void): () => void;
  readonly consoles: ConsoleChannels;
  close(): Promise<void>;
}

export interface DoorOptions {
  /** How the core asks (e.g. about a new host key). */
  prompts?: CorePrompts;
  /** false: the command reads once and follows no host's events (see CoreOptions.watch). Default true. */
  watch?: boolean;
  /** false: the command never touches addresses, so a host's IPAM store is not synced on connect (CoreOptions.ipam). */
  ipam?: boolean;
  /** true: the core evaluates the alert rules on its events and delivers them (`virtdeck watch`). Default false. */
  alerts?: boolean;
}

export async function openDoor(opts: DoorOptions = {}, interrupts?: Interrupts): Promise<Door> {
  // Hosts are connected by the commands that need them (hosts.connect), never all in the background.
  const core = await createCore({
    autoConnect: false,
    watch: opts.watch ?? true,
    ipam: opts.ipam ?? true,
    alerts: opts.alerts ?? false,
    ...(opts.prompts ? { prompts: opts.prompts } : {}),
  });
  return {
    call: (name, input, watch) => (isTaskCall(name) ? followTask(core, name, input, watch, interrupts) : plainCall(core, name, input)),
    onEvent: (listener) => core.onEvent(listener),
    consoles: core.consoles,
    close: () => core.close(),
  };
}

/** The report of a refused call, with the input field it is about when there is one. */
function reportIn({ ok: _ok, ...r }: { ok: false } & ErrorReport): ErrorReport {
  return r;
}

/** A plain call through the dispatcher: its value, or its report as a CallFailed. */
async function plainCall<K extends CallName>(core: Pick<Core, 'dispatch'>, name: K, input: CallInput<K>): Promise<CallValue<K>> {
  const r = await core.dispatch(name, input);
  if (!r.ok) throw new CallFailed(reportIn(r));
  return r.value as CallValue<K>;
}

/** Ctrl+C while a task call is followed: the door asks the core to cancel that task and waits for its end. */
export interface Interrupts {
  /** Calls `listener` on each Ctrl+C until the returned function is called. */
  on(listener: () => void): () => void;
  /** The core would not cancel the task (it cannot stop cleanly): `why` says so; the task runs on. */
  refused(why: ErrorReport): void;
}

/**
 * Starts a task call and follows its task by id: updates go to `watch`; the result or the error ends it. With
 * `interrupts`, a Ctrl+C cancels the task through the door (tasks.cancel) and the call fails with `cancelled`
 * once the task has stopped; a task that cannot stop cleanly runs on (and Ctrl+C is no longer caught).
 */
export function followTask<K extends CallName>(
  core: Pick<Core, 'dispatch' | 'onEvent'>,
  name: K,
  input: CallInput<K>,
  watch?: (task: TaskInfo) => void,
  interrupts?: Interrupts,
): Promise<CallValue<K>> {
  return new Promise<CallValue<K>>((resolve, reject) => {
    let id: string | null = null;
    let ended = false;
    let cancelAsked = false;
    const early: TaskInfo[] = []; // updates sent before the dispatcher answered with the id
    const cancel = (): void => {
      if (id === null || ended) return;
      void core.dispatch('tasks.cancel', { id }).then((r) => {
        if (r.ok || ended) return;
        stopListening();
        interrupts?.refused({ code: r.code, params: r.params });
      });
    };
    const stopListening = interrupts?.on(() => {
      if (cancelAsked) return; // asked already: wait for the task to stop
      cancelAsked = true;
      cancel();
    }) ?? ((): void => undefined);
    const stop = (): void => {
      off();
      stopListening();
    };
    const seen = (t: TaskInfo): void => {
      if (ended) return;
      watch?.(t);
      if (t.state === 'running') return;
      ended = true;
      stop();
      if (t.state === 'succeeded') resolve(t.result as CallValue<K>);
      else if (t.state === 'cancelled') reject(new CallFailed(report('cancelled', {})));
      else reject(new CallFailed(t.error ?? report('internal', { message: `task ${t.op} ${t.state}` })));
    };
    const off = core.onEvent((e) => {
      if (e.type !== 'task') return;
      if (id === null) early.push(e.task);
      else if (e.task.id === id) seen(e.task);
    });
    core.dispatch(name, input).then(
      (r) => {
        if (!r.ok) {
          stop();
          reject(new CallFailed(reportIn(r)));
          return;
        }
        id = (r.value as { taskId: string }).taskId;
        for (const t of early.splice(0)) if (t.id === id) seen(t);
        if (cancelAsked) cancel(); // Ctrl+C came before the id
      },
      (err: unknown) => {
        stop();
        reject(err);
      },
    );
  });
}
