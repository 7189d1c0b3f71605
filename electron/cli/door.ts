// The CLI's side of the one door: every call goes through the core's validated dispatcher, as from the app (a task
// call answers once its task has ended). Loaded, with the whole core, only when a command needs a host or the
// inventory.
import type { CallInput, CallName, CallValue } from '../../shared/ipc/contract.js';
import type { CoreEvent } from '../../shared/model/events.js';
import type { ConsoleChannels } from '../core/api.js';
import { createCore } from '../core/core.js';
import type { CorePrompts } from '../core/prompts.js';

export interface Door {
  call<K extends CallName>(name: K, input: CallInput<K>): Promise<CallValue<K>>;
  onEvent(listener: (e: CoreEvent) => void): () => void;
  readonly consoles: ConsoleChannels;
  close(): Promise<void>;
}

export async function openDoor(prompts?: CorePrompts): Promise<Door> {
  // Hosts are connected by the commands that need them (hosts.connect), never all in the background.
  return createCore({ autoConnect: false, ...(prompts ? { prompts } : {}) });
}
