// What renderer/api hands the app, whichever transport is underneath (Electron preload or loopback web API).
import { contract, type Api, type CallName, type CallResult } from '../../shared/ipc/contract.js';
import type { ConsoleOpenRequest } from '../../shared/ipc/consoles.js';
import type { PromptHandler } from '../../shared/ipc/front-end.js';
import type { ErrorCode, ErrorReport } from '../../shared/model/errors.js';
import { report } from '../../shared/model/errors.js';
import type { VmRef } from '../../shared/model/vm.js';
import type { Backend, ConsoleKind, ConsoleOptions, SupportRef } from '../state/backend.js';

export interface ClientApi extends Backend {
  /** Answers the core's questions (unknown host keys, key passphrases, passwords). */
  setPromptHandler(handler: PromptHandler): void;
}

/** A failed call: the core's report (a code of the closed list and its params), worded by app/errors.ts. */
export class ApiError extends Error {
  readonly report: ErrorReport;

  constructor(r: ErrorReport) {
    super(r.code);
    this.name = 'ApiError';
    this.report = r;
  }

  get code(): ErrorCode {
    return this.report.code;
  }
}

/** Any thrown value as a report: an ApiError's own, anything else (a bug in the front end) as internal. */
export function reportOf(err: unknown): ErrorReport {
  if (err instanceof ApiError) return err.report;
  return report('internal', { message: err instanceof Error ? err.message : String(err) });
}

export function unwrap<T>(result: CallResult<T>): T {
  if (result.ok) return result.value;
  const { ok: _ok, ...r } = result;
  throw new ApiError(r);
}

/** The typed Api over any envelope-returning invoke function, one method per contract call. */
export function apiFromInvoke(invoke: (name: CallName, input: unknown) => Promise<CallResult<unknown>>): Api {
  const api: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const name of Object.keys(contract) as CallName[]) {
    api[name] = async (input) => unwrap(await invoke(name, input));
  }
  return api as Api;
}

export function consoleRequest(kind: ConsoleKind, ref: VmRef | SupportRef, opts?: ConsoleOptions): ConsoleOpenRequest {
  if ('session' in ref) {
    if (kind === 'ssh') throw new ApiError(report('grant.no-console', { kind }));
    return { kind: kind === 'vnc' ? 'grant-vnc' : 'grant-serial', session: ref.session };
  }
  if (kind !== 'ssh') return { kind, ref };
  if (!opts) throw new ApiError(report('internal', { message: 'a guest shell needs user, cols and rows' }));
  return { kind: 'guest-shell', ref, user: opts.user, cols: opts.cols, rows: opts.rows, ...(opts.ip ? { ip: opts.ip } : {}) };
}
