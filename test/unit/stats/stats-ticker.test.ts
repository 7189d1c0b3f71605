// The stats tick: a bulk refresh per tick only while someone listens, never two at once, one event per host.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StatsService } from '../../../electron/core/stats/stats-service.js';
import { startStatsTicker } from '../../../electron/core/stats/stats-ticker.js';
import type { CoreEvent } from '../../../shared/model/events.js';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('startStatsTicker', () => {
  it('refreshes while listened to, one at a time, and emits one event per host until stopped', async () => {
    let release: () => void = () => undefined;
    const refresh = vi.fn(
      () =>
        new Promise<Awaited<ReturnType<StatsService['refresh']>>>((resolve) => {
          release = () => resolve([{ host: 'h1', at: 'a', stats: [] }, { host: 'h2', at: 'a', stats: [] }]);
        }),
    );
    const events: CoreEvent[] = [];
    let listening = false;
    const stop = startStatsTicker({ refresh } as unknown as StatsService, 1000, (e) => events.push(e), () => listening);

    await vi.advanceTimersByTimeAsync(3000);
    expect(refresh).not.toHaveBeenCalled();
    listening = true;
    await vi.advanceTimersByTimeAsync(3000); // the first refresh is still running: no second one
    expect(refresh).toHaveBeenCalledTimes(1);
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(events.map((e) => (e.type === 'stats' ? e.host : e.type))).toEqual(['h1', 'h2']);
    await vi.advanceTimersByTimeAsync(1000);
    expect(refresh).toHaveBeenCalledTimes(2);
    stop();
    release();
    await vi.advanceTimersByTimeAsync(5000);
    expect(refresh).toHaveBeenCalledTimes(2);
  });
});
