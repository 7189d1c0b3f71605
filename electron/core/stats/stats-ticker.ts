// The app's stats tick: one bulk stats call per host every `ms`, while someone listens; a slow tick is not
// overlapped by the next. Returns the stop function.
import type { CoreEvent } from '../../../shared/model/events.js';
import type { StatsService } from './stats-service.js';

export function startStatsTicker(stats: StatsService, ms: number, emit: (e: CoreEvent) => void, listened: () => boolean): () => void {
  let busy = false;
  const timer = setInterval(() => {
    if (busy || !listened()) return;
    busy = true;
    stats
      .refresh()
      .then((all) => {
        for (const s of all) emit({ type: 'stats', host: s.host, at: s.at, stats: s.stats });
      })
      .catch(() => undefined)
      .finally(() => {
        busy = false;
      });
  }, ms);
  timer.unref();
  return () => clearInterval(timer);
}
