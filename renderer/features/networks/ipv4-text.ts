// IPv4 text the network screens read and suggest (dotted quads, CIDR blocks); the core checks everything again.
/** An IPv4 dotted quad as a number, or null. */
export function ipNumber(text: string): number | null {
  const parts = text.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return null;
  return parts.reduce((n, p) => n * 256 + Number(p), 0);
}

/** First and last address of "a.b.c.d/p", or null when it is not IPv4 CIDR. */
export function blockOf(cidr: string): [number, number] | null {
  const [addr = '', bits = ''] = cidr.split('/');
  const ip = ipNumber(addr);
  const prefix = Number(bits);
  if (ip === null || !/^\d{1,2}$/.test(bits) || prefix > 32) return null;
  const size = 2 ** (32 - prefix);
  const first = Math.floor(ip / size) * size;
  return [first, first + size - 1];
}

export function formatIp(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}
