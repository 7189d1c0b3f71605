// flavors.* calls.
import type { HandlersOf } from '../calls.js';
import type { FlavorService } from './flavor-service.js';

export function flavorHandlers(flavors: FlavorService): HandlersOf<'flavors'> {
  return {
    'flavors.list': async () => flavors.list(),
    'flavors.add': async (f) => flavors.put(f),
    'flavors.remove': async ({ name }) => {
      flavors.remove(name);
      return null;
    },
  };
}
