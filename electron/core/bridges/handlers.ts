// bridges.* calls (host network bridges).
import type { HandlersOf } from '../calls.js';
import type { TaskService } from '../tasks/task-service.js';
import type { BridgeService } from './bridge-service.js';

export function bridgeHandlers(bridges: BridgeService, tasks: TaskService): HandlersOf<'bridges'> {
  return {
    'bridges.detect': async ({ host }) => bridges.detect(host),
    'bridges.list': async ({ host }) => bridges.list(host),
    'bridges.create': async ({ host, spec }) =>
      tasks.run({ title: `bridge ${spec.name ?? spec.nic}: create`, host }, () => bridges.create(host, spec)),
    'bridges.confirm': async ({ host, id }) => bridges.confirm(host, id),
    'bridges.delete': async ({ host, name, rollbackSeconds }) =>
      tasks.run({ title: `bridge ${name}: delete`, host }, () =>
        bridges.remove(host, name, rollbackSeconds === undefined ? {} : { rollbackSeconds })),
  };
}
