// Errors the core raises for users: a stable code (for IPC envelopes and scripts) and one readable line.

export const CORE_ERROR_CODES = [
  'not-found',
  'exists',
  'invalid',
  'locked',
  'in-use',
  'host-offline',
  'host-key',
  'auth',
  'unreachable',
  'libvirt',
  'cancelled',
] as const;
export type CoreErrorCode = (typeof CORE_ERROR_CODES)[number];

export class CoreError extends Error {
  constructor(
    readonly code: CoreErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'CoreError';
  }
}

/** A one-line message for any thrown value (user-facing: no stack). */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message.split('\n')[0] ?? err.name;
  return String(err);
}
