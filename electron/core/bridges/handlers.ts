// bridges.* calls (host network bridges).
import type { HandlersOf } from '../calls.js';
import type { BridgeService } from './bridge-service.js';

export function bridgeHandlers(bridges: BridgeService): HandlersOf<'bridges'> {
  return {
    'bridges.detect': async ({ host }) => bridges.detect(host),
    'bridges.list': async ({ host }) => bridges.list(host),
    'bridges.create': {
      task: ({ host, spec }) => ({ op: 'bridge.create', args: { nic: spec.nic }, host }),
      run: ({ host, spec }) => bridges.create(host, spec),
    },
    'bridges.confirm': {
      task: ({ host }) => ({ op: 'bridge.confirm', args: { host }, host }),
      run: ({ host, id }) => bridges.confirm(host, id),
    },
    'bridges.status': async ({ host, id }) => bridges.status(host, id),
    'bridges.delete': {
      task: ({ host, name }) => ({ op: 'bridge.delete', args: { bridge: name }, host }),
      run: ({ host, name, rollbackSeconds }) => bridges.remove(host, name, rollbackSeconds === undefined ? {} : { rollbackSeconds }),
    },
  };
}
