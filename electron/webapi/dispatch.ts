// The one call dispatcher shared by the Electron main process and the loopback web API: name lookup, input
// validation with the contract's schema, and the result envelope. No Electron, no transport.
import type { z } from 'zod';
import { contract, type ApiHandlers, type CallName, type CallResult } from '../../shared/ipc/contract.js';
import { errorEnvelope } from './envelope.js';

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}

/** "path: message" for each zod issue, joined; "(input)" names the payload itself. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.map(String).join('.') : '(input)'}: ${issue.message}`)
    .join('; ');
}

export async function dispatchCall(handlers: ApiHandlers, name: unknown, input: unknown): Promise<CallResult<unknown>> {
  if (!isCallName(name)) {
    return { ok: false, code: 'unknown-call', message: `unknown call ${JSON.stringify(String(name)).slice(0, 80)}` };
  }
  const parsed = contract[name].input.safeParse(input);
  if (!parsed.success) {
    return { ok: false, code: 'bad-request', message: `${name}: ${describeIssues(parsed.error)}` };
  }
  // The contract pairs each name with its handler's input type; TypeScript cannot correlate the two through a
  // union key, so the handler is called through a widened signature after validation.
  const handler = handlers[name] as (input: unknown) => Promise<unknown>;
  try {
    return { ok: true, value: await handler(parsed.data) };
  } catch (err) {
    return errorEnvelope(err);
  }
}
