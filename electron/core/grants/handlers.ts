// grants.* calls.
import type { HandlersOf } from '../calls.js';
import type { GrantService } from './grant-service.js';

export function grantHandlers(grants: GrantService): HandlersOf<'grants'> {
  const support = grants.support;
  return {
    'grants.create': (spec) => grants.create(spec),
    'grants.list': (filter) => grants.list(filter),
    'grants.revoke': ({ id }) => grants.revoke(id),
    'grants.open': ({ file, passphrase }) => support.open(file, passphrase),
    'grants.close': async ({ id }) => {
      await support.close(id);
      return null;
    },
  };
}
