// The one call dispatcher shared by the Electron main process and the loopback web API: name lookup, input
// validation with the contract's schema, and the result envelope. No Electron, no transport.
import type { z } from 'zod';
import { contract, type ApiHandlers, type CallName, type CallResult } from '../../shared/ipc/contract.js';
import { report } from '../../shared/model/errors.js';
import { errorEnvelope } from './envelope.js';

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}

const issuePath = (issue: z.core.$ZodIssue): string => (issue.path.length > 0 ? issue.path.map(String).join('.') : '(input)');

/** The envelope of an input that fails its schema: the call, the fields at fault, and zod's own words for logs. */
export function badInput(call: string, error: z.ZodError): CallResult<never> {
  const detail = error.issues.map((issue) => `${issuePath(issue)}: ${issue.message}`).join('; ');
  return { ok: false, ...report('call.bad-input', { call, fields: [...new Set(error.issues.map(issuePath))], detail }) };
}

export async function dispatchCall(handlers: ApiHandlers, name: unknown, input: unknown): Promise<CallResult<unknown>> {
  if (!isCallName(name)) {
    return { ok: false, ...report('call.unknown', { call: String(name).slice(0, 80) }) };
  }
  const parsed = contract[name].input.safeParse(input);
  if (!parsed.success) return badInput(name, parsed.error);
  // The contract pairs each name with its handler's input type; TypeScript cannot correlate the two through a
  // union key, so the handler is called through a widened signature after validation.
  const handler = handlers[name] as (input: unknown) => Promise<unknown>;
  try {
    return { ok: true, value: await handler(parsed.data) };
  } catch (err) {
    return errorEnvelope(err);
  }
}
