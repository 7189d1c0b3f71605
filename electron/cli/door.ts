// The CLI's side of the one door: every call goes through the validated dispatcher, as from the app. Loaded
// (with the whole core) only when a command needs a host or the inventory.
import type { CallInput, CallName, CallOutput } from '../../shared/ipc/contract.js';
import type { CoreEvent } from '../../shared/model/events.js';
import { dispatchCall } from '../webapi/dispatch.js';
import type { ConsoleChannels } from '../core/api.js';
import { createCore } from '../core/core.js';
import type { CorePrompts } from '../core/prompts.js';

/** A call the core refused: its stable code and its one line. */
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
  call<K extends CallName>(name: K, input: CallInput<K>): Promise<CallOutput<K>>;
  onEvent(listener: (e: CoreEvent) => void): () => void;
  readonly consoles: ConsoleChannels;
  close(): Promise<void>;
}

export async function openDoor(prompts?: CorePrompts): Promise<Door> {
  // Hosts are connected by the commands that need them (hosts.connect), never all in the background.
  const core = await createCore({ autoConnect: false, ...(prompts ? { prompts } : {}) });
  return {
    async call<K extends CallName>(name: K, input: CallInput<K>): Promise<CallOutput<K>> {
      const r = await dispatchCall(core.handlers, name, input);
      if (!r.ok) throw new CallFailed(r.code, r.message);
      return r.value as CallOutput<K>;
    },
    onEvent: (listener) => core.onEvent(listener),
    consoles: core.consoles,
    close: () => core.close(),
  };
}
