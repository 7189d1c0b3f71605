// A CoreApi double for front-end tests: every handler is a vi.fn (a task call's: task and run), calls go through the
// real dispatcher and task service, consoles return the Duplex a test supplies.
import { CoreError } from '../../../electron/core/errors.js';
import { EventEmitter } from 'node:events';
import { type Duplex, PassThrough } from 'node:stream';
import { vi, type Mock } from 'vitest';
import type { CoreApi } from '../../../electron/core/api.js';
import type { Handler } from '../../../electron/core/calls.js';
import { dispatchCall } from '../../../electron/core/dispatch.js';
import { TaskService } from '../../../electron/core/tasks/task-service.js';
import { contract, isTaskCall, type CallName, type TaskCallName } from '../../../shared/ipc/contract.js';
import type { CoreEvent } from '../../../shared/model/events.js';

type FakeHandler<K extends CallName> = K extends TaskCallName ? { task: Mock; run: Mock } : Mock;
export type FakeHandlers = { [K in CallName]: Handler<K> & FakeHandler<K> };

export interface FakeCore extends CoreApi {
  readonly handlers: FakeHandlers;
  readonly tasks: TaskService;
  emit(event: CoreEvent): void;
  /** The next console opened gets this stream (serial, vnc and guest-shell alike). */
  nextConsole: Duplex | null;
  listenerCount(): number;
}

export function fakeCore(): FakeCore {
  const bus = new EventEmitter<{ event: [CoreEvent] }>();
  const handlers = Object.fromEntries(
    (Object.keys(contract) as CallName[]).map((name) => [
      name,
      isTaskCall(name) ? { task: vi.fn(() => ({ op: 'vm.start', args: {} })), run: vi.fn(async () => null) } : vi.fn(async () => null),
    ]),
  ) as unknown as FakeHandlers;
  const tasks = new TaskService((task) => bus.emit('event', { type: 'task', task }));
  const take = async () => {
    if (!core.nextConsole) throw new CoreError('vm.not-running', { host: 'h1', vm: 'web' });
    const stream = core.nextConsole;
    core.nextConsole = null;
    return stream;
  };
  const core: FakeCore = {
    handlers,
    tasks,
    dispatch: (name, input) => dispatchCall(core, name, input),
    nextConsole: null,
    consoles: {
      openSerial: take,
      openVnc: take,
      openGuestShell: async () => Object.assign(await take(), { resize: vi.fn(), stderr: new PassThrough() }),
      openGrantSerial: async () => Object.assign(await take(), { resize: vi.fn(), stderr: new PassThrough() }),
      openSupportVnc: take,
      openSupportSerial: async () => Object.assign(await take(), { resize: vi.fn(), stderr: new PassThrough() }),
      guestExec: vi.fn(async () => ({ code: 0, stdout: Buffer.alloc(0), stderr: Buffer.alloc(0) })),
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
