// A CoreApi double for front-end tests: every handler is a vi.fn, consoles return the Duplex a test supplies.
import { CoreError } from '../../../electron/core/errors.js';
import { EventEmitter } from 'node:events';
import type { Duplex } from 'node:stream';
import { vi, type Mock } from 'vitest';
import type { CoreApi } from '../../../electron/core/api.js';
import { contract, type ApiHandlers, type CallName } from '../../../shared/ipc/contract.js';
import type { CoreEvent } from '../../../shared/model/events.js';

export type FakeHandlers = ApiHandlers & { [K in CallName]: Mock };

export interface FakeCore extends CoreApi {
  readonly handlers: FakeHandlers;
  emit(event: CoreEvent): void;
  /** The next console opened gets this stream (serial, vnc and guest-shell alike). */
  nextConsole: Duplex | null;
  listenerCount(): number;
}

export function fakeCore(): FakeCore {
  const bus = new EventEmitter<{ event: [CoreEvent] }>();
  const handlers = Object.fromEntries(
    Object.keys(contract).map((name) => [name, vi.fn(async () => null)]),
  ) as unknown as FakeHandlers;
  const take = async () => {
    if (!core.nextConsole) throw new CoreError('vm.not-running', { host: 'h1', vm: 'web' });
    const stream = core.nextConsole;
    core.nextConsole = null;
    return stream;
  };
  const core: FakeCore = {
    handlers,
    nextConsole: null,
    consoles: {
      openSerial: take,
      openVnc: take,
      openGuestShell: async () => Object.assign(await take(), { resize: vi.fn() }),
    },
    onEvent(listener) {
      bus.on('event', listener);
      return () => bus.off('event', listener);
    },
    emit: (event) => bus.emit('event', event),
    listenerCount: () => bus.listenerCount('event'),
    close: async () => undefined,
  };
  return core;
}
