// The app's stats tick: one bulk stats call per host every `ms`, while someone listens; a slow tick is not
// overlapped by the next. Returns the stop function.
import type { CoreEvent } from '../../../shared/model/events.js';
import { startTicker } from '../ticker.js';
import type { StatsService } from './stats-service.js';

export function startStatsTicker(stats: StatsService, ms: number, emit: (e: CoreEvent) => void, listened: () => boolean): () => void {
  return startTicker(
    ms,
    async () => {
      for (const s of await stats.refresh()) emit({ type: 'stats', host: s.host, at: s.at, stats: s.stats });
    },
    listened,
  );
}
