// Names for several new machines at once (`--count N` with a pattern such as web-{n}): {n} becomes 1…N.
export const MAX_COUNT = 50;
export const COUNT_PLACEHOLDER = '{n}';

/** The N names of the pattern, or null when the pattern has no {n} (N > 1) or N is out of range. */
export function countedNames(pattern: string, count: number): string[] | null {
  if (!Number.isInteger(count) || count < 1 || count > MAX_COUNT) return null;
  if (count === 1) return [pattern.replaceAll(COUNT_PLACEHOLDER, '1')];
  if (!pattern.includes(COUNT_PLACEHOLDER)) return null;
  return Array.from({ length: count }, (_, i) => pattern.replaceAll(COUNT_PLACEHOLDER, String(i + 1)));
}
