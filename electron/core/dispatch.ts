// The one call dispatcher of every front end (Electron IPC, the loopback bridge, the CLI): name lookup, input
// validation with the contract's schema, the handler, and for wires the result envelope. No Electron, no transport.
import type { z } from 'zod';
import { contract, type CallInput, type CallName, type CallOutput, type CallResult } from '../../shared/ipc/contract.js';
import type { ApiHandlers } from './calls.js';
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

/** A call the dispatcher refuses before any handler runs: an unknown name or input its schema rejects. */
export class RequestError extends Error {
  constructor(
    readonly code: 'unknown-call' | 'bad-request',
    message: string,
  ) {
    super(message);
    this.name = 'RequestError';
  }
}

/** Validates and runs one call in-process (the CLI, tests): the handler's value, or the error it threw. */
export async function invokeCall<K extends CallName>(handlers: ApiHandlers, name: K, input: CallInput<K>): Promise<CallOutput<K>>;
export async function invokeCall(handlers: ApiHandlers, name: unknown, input: unknown): Promise<unknown>;
export async function invokeCall(handlers: ApiHandlers, name: unknown, input: unknown): Promise<unknown> {
  if (!isCallName(name)) throw new RequestError('unknown-call', `unknown call ${JSON.stringify(String(name)).slice(0, 80)}`);
  const parsed = contract[name].input.safeParse(input);
  if (!parsed.success) throw new RequestError('bad-request', `${name}: ${describeIssues(parsed.error)}`);
  // The contract pairs each name with its handler's input type; TypeScript cannot correlate the two through a
  // union key, so the handler is called through a widened signature after validation.
  const handler = handlers[name] as (input: unknown) => Promise<unknown>;
  return handler(parsed.data);
}

/** The same over a wire (Electron IPC, the loopback bridge): the result envelope, never a throw. */
export async function dispatchCall(handlers: ApiHandlers, name: unknown, input: unknown): Promise<CallResult<unknown>> {
  try {
    return { ok: true, value: await invokeCall(handlers, name, input) };
  } catch (err) {
    return errorEnvelope(err);
  }
}
