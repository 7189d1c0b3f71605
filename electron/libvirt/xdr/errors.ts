/** Malformed or truncated XDR data. */
export class XdrError extends Error {
  override name = 'XdrError';
}
