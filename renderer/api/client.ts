// What renderer/api hands the app, whichever transport is underneath (Electron preload or loopback web API).
import { contract, type Api, type CallName, type CallResult } from '../../shared/ipc/contract.js';
import type { ConsoleOpenRequest } from '../../shared/ipc/consoles.js';
import type { PromptHandler } from '../../shared/ipc/front-end.js';
import type { VmRef } from '../../shared/model/vm.js';
import type { Backend, ConsoleKind, ConsoleOptions } from '../state/backend.js';

export interface ClientApi extends Backend {
  /** Answers the core's questions (unknown host keys, key passphrases, passwords). */
  setPromptHandler(handler: PromptHandler): void;
}

/** A failed call: `code` is the envelope's stable code (bad-request, not-found, host-offline, ...). */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function unwrap<T>(result: CallResult<T>): T {
  if (result.ok) return result.value;
  throw new ApiError(result.code, result.message);
}

/** The typed Api over any envelope-returning invoke function, one method per contract call. */
export function apiFromInvoke(invoke: (name: CallName, input: unknown) => Promise<CallResult<unknown>>): Api {
  const api: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const name of Object.keys(contract) as CallName[]) {
    api[name] = async (input) => unwrap(await invoke(name, input));
  }
  return api as Api;
}

export function consoleRequest(kind: ConsoleKind, ref: VmRef, opts?: ConsoleOptions): ConsoleOpenRequest {
  if (kind !== 'ssh') return { kind, ref };
  if (!opts) throw new ApiError('bad-request', 'a guest shell needs user, cols and rows');
  return { kind: 'guest-shell', ref, user: opts.user, cols: opts.cols, rows: opts.rows };
}
