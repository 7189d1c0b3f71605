// Reconnect schedule: exponential backoff, doubling from initialDelayMs up to maxDelayMs.

export interface BackoffOptions {
  initialDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialDelayMs: 500, maxDelayMs: 30_000 };

/** Delay before reconnect attempt number `attempt` (0 = first attempt after the drop). */
export function backoffDelay(attempt: number, { initialDelayMs, maxDelayMs }: BackoffOptions): number {
  if (attempt < 0 || !Number.isInteger(attempt)) throw new RangeError(`bad attempt number ${attempt}`);
  // 2 ** 40 is already far beyond any sane maximum; capping the exponent avoids Infinity.
  return Math.min(maxDelayMs, initialDelayMs * 2 ** Math.min(attempt, 40));
}
