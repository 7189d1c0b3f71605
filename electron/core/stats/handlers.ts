// stats.* calls.
import type { HandlersOf } from '../calls.js';
import type { StatsService } from './stats-service.js';

export function statsHandlers(stats: StatsService): HandlersOf<'stats'> {
  return {
    'stats.refresh': async ({ host }) => stats.refresh(host),
  };
}
