// Whole seconds left until a safe-apply deadline (never negative; 0 once it has passed or is unreadable).
export function secondsLeft(deadlineIso: string, now: number): number {
  const t = Date.parse(deadlineIso);
  if (Number.isNaN(t)) return 0;
  return Math.max(0, Math.ceil((t - now) / 1000));
}
