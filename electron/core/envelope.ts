// Thrown values → the { ok:false, code, message } envelope: stable code, one readable line, never a stack.

const CODE_PATTERN = /^[a-z][a-z0-9-]{0,63}$/;

export function errorEnvelope(err: unknown): { ok: false; code: string; message: string } {
  const code =
    typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string' && CODE_PATTERN.test(err.code)
      ? err.code
      : 'internal';
  const raw = err instanceof Error ? err.message : typeof err === 'string' ? err : 'unexpected error';
  const message = raw.split('\n')[0]?.trim() || (err instanceof Error ? err.name : 'unexpected error');
  return { ok: false, code, message };
}
