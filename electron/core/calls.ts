// What a handler is: one async function per contract call, grouped per resource in `<resource>/handlers.ts`
// beside its service. core.ts spreads the groups into one ApiHandlers; a call without a handler is a type error.
import type { z } from 'zod';
import type { CallName, CallOutput, Contract } from '../../shared/ipc/contract.js';

export type Handler<K extends CallName> = (input: z.output<Contract[K]['input']>) => Promise<CallOutput<K>>;

/** What the core must implement: one handler per call. */
export type ApiHandlers = { [K in CallName]: Handler<K> };

/** The handlers of the calls named `<prefix>.*` (e.g. HandlersOf<'pools' | 'volumes'>). */
export type HandlersOf<P extends string> = { [K in CallName as K extends `${P}.${string}` ? K : never]: Handler<K> };
