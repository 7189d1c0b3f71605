// Calls that wait on an SSH connect or a reconnect (host key probe, add, test, connect, bridge confirm) or on a
// host asking another server (pool source discovery) can take their timeout: they are task calls, so the dispatcher answers their task id at once and no IPC call stays pending;
// the value follows by id.
import { describe, expect, it } from 'vitest';
import { isTaskCall, type CallName } from '../../../shared/ipc/contract.js';
import type { TaskInfo } from '../../../shared/model/task.js';
import { dispatchCall } from '../../../electron/core/dispatch.js';
import type { ApiHandlers } from '../../../electron/core/calls.js';
import { bridgeHandlers } from '../../../electron/core/bridges/handlers.js';
import type { BridgeService } from '../../../electron/core/bridges/bridge-service.js';
import { hostHandlers } from '../../../electron/core/hosts/handlers.js';
import type { HostService } from '../../../electron/core/hosts/host-service.js';
import { storageHandlers } from '../../../electron/core/storage/handlers.js';
import type { StorageService } from '../../../electron/core/storage/storage-service.js';
import { TaskService } from '../../../electron/core/tasks/task-service.js';

const SLOW: Array<[CallName, unknown]> = [
  ['hosts.probeKey', { ssh: { host: '192.0.2.1' } }],
  ['hosts.add', { config: { name: 'far', transport: 'ssh', ssh: { host: '192.0.2.1' }, uri: 'qemu:///system' } }],
  ['hosts.test', { name: 'far' }],
  ['bridges.confirm', { host: 'far', id: 'a1b2c3d4e5f60718' }],
  ['hosts.connect', { names: ['far', 'farther'] }],
  ['hosts.connect', {}],
  ['pools.discover', { host: 'far', type: 'netfs', sourceHost: 'nas.example' }],
];

/** Services whose every call waits until `release` (an SSH connect that has not timed out yet). */
function hangingServices() {
  let release!: (v: unknown) => void;
  const gate = new Promise((r) => (release = r));
  const hang = () => gate;
  const hosts = { probeKey: hang, add: hang, test: hang, connect: hang } as unknown as HostService;
  const bridges = { confirm: hang } as unknown as BridgeService;
  const storage = { pools: { discoverSources: hang } } as unknown as StorageService;
  const handlers = { ...hostHandlers(hosts), ...bridgeHandlers(bridges), ...storageHandlers(storage) };
  return { handlers: handlers as unknown as ApiHandlers, release };
}

describe('calls that may wait for an SSH timeout', () => {
  it.each(SLOW)('%s is a task call in the contract', (name) => {
    expect(isTaskCall(name)).toBe(true);
  });

  it('the dispatcher answers each with its task id while the work still waits; the value follows by id', async () => {
    const events: TaskInfo[] = [];
    const tasks = new TaskService((t) => events.push(t));
    const { handlers, release } = hangingServices();
    const answers = [];
    for (const [name, input] of SLOW) answers.push(await dispatchCall({ handlers, tasks }, name, input));
    const ids = answers.map((a) => (a.ok ? (a.value as { taskId: string }).taskId : a.code));
    expect(ids.every((id) => /^[0-9a-f-]{36}$/.test(id)), JSON.stringify(answers)).toBe(true);
    expect(tasks.list().map((t) => [t.op, t.state])).toEqual([
      ['host.probe-key', 'running'], ['host.add', 'running'], ['host.test', 'running'], ['bridge.confirm', 'running'],
      ['host.connect', 'running'], ['host.connect-all', 'running'], ['pool.discover', 'running'],
    ]);
    release({ done: true });
    await new Promise((r) => setImmediate(r));
    expect(ids.map((id) => events.findLast((t) => t.id === id)?.result)).toEqual(ids.map(() => ({ done: true })));
  });

  it('the task carries names for its title, never a sentence', async () => {
    const tasks = new TaskService(() => undefined);
    const { handlers } = hangingServices();
    for (const [name, input] of SLOW) await dispatchCall({ handlers, tasks }, name, input);
    expect(tasks.list().map((t) => t.args)).toEqual([
      { target: '192.0.2.1' }, { name: 'far' }, { name: 'far' }, { host: 'far' }, { hosts: 'far, farther' }, {}, { type: 'netfs' },
    ]);
  });
});
