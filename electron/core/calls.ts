// What a handler is: one per contract call, grouped per resource in `<resource>/handlers.ts` beside its service.
// core.ts spreads the groups into one ApiHandlers; a call without a handler is a type error. A task call's handler
// names its task (op, args, host) and runs it; the dispatcher starts the task and answers its id.
import type { z } from 'zod';
import type { CallName, CallOutput, Contract, TaskCallName, TaskResult } from '../../shared/ipc/contract.js';
import type { TaskContext, TaskOptions } from './tasks/task-service.js';

type Input<K extends CallName> = z.output<Contract[K]['input']>;

export type CallHandler<K extends CallName> = (input: Input<K>) => Promise<CallOutput<K>>;

export interface TaskHandler<K extends TaskCallName> {
  /** The task's title and where it runs, from the input alone (cheap; nothing is checked or done yet). */
  task(input: Input<K>): TaskOptions;
  run(input: Input<K>, ctx: TaskContext): Promise<TaskResult<K>>;
}

export type Handler<K extends CallName> = K extends TaskCallName ? TaskHandler<K> : CallHandler<K>;

/** What the core must implement: one handler per call. */
export type ApiHandlers = { [K in CallName]: Handler<K> };

/** The handlers of the calls named `<prefix>.*` (e.g. HandlersOf<'pools' | 'volumes'>). */
export type HandlersOf<P extends string> = { [K in CallName as K extends `${P}.${string}` ? K : never]: Handler<K> };
