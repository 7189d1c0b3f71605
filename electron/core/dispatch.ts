// The one call dispatcher of every front end (Electron IPC, the loopback bridge, the CLI): name lookup, input
// validation with the contract's schema, the handler, and for wires the result envelope. No Electron, no transport.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import {
  contract,
  isTaskCall,
  type CallInput,
  type CallName,
  type CallResult,
  type CallValue,
  type TaskCallName,
} from '../../shared/ipc/contract.js';
import type { ErrorReport } from '../../shared/model/errors.js';
import type { AuditOpen, AuditService } from './audit/audit-service.js';
import type { ApiHandlers } from './calls.js';
import { errorEnvelope } from './envelope.js';
import { CoreError, errorReport } from './errors.js';
import type { StartedTask, TaskContext, TaskOptions, TaskService } from './tasks/task-service.js';

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}

const issuePath = (issue: z.core.$ZodIssue): string => (issue.path.length > 0 ? issue.path.map(String).join('.') : '(input)');

/** A schema's complaint about one field as a code the front ends word (zod's own words stay in `detail`). */
function issueReport(issue: z.core.$ZodIssue): ErrorReport {
  const field = issuePath(issue);
  const text = issue.code === 'too_small' || issue.code === 'too_big' ? issue.origin === 'string' || issue.origin === 'array' : false;
  if (issue.code === 'too_small') {
    const min = Number(issue.minimum);
    if (text && min <= 1) return { code: 'field.required', params: {}, field };
    return { code: text ? 'field.too-short' : 'field.too-small', params: { min }, field };
  }
  if (issue.code === 'too_big') return { code: text ? 'field.too-long' : 'field.too-large', params: { max: Number(issue.maximum) }, field };
  if (issue.code === 'invalid_type' && issue.input === undefined) return { code: 'field.required', params: {}, field };
  return { code: 'field.invalid', params: {}, field };
}

/**
 * Input its schema rejects: the call, the fields at fault, one report per issue (its field the input path, so a
 * form places it on its input), and zod's own words (for logs and the CLI).
 */
function inputError(call: string, error: z.ZodError): CoreError {
  const detail = error.issues.map((issue) => `${issuePath(issue)}: ${issue.message}`).join('; ');
  const issues = error.issues.map(issueReport);
  return new CoreError('call.bad-input', { call, fields: [...new Set(error.issues.map(issuePath))], detail, issues });
}

/** The envelope of an input that fails its schema (for wires that check a payload before any call). */
export function badInput(call: string, error: z.ZodError): CallResult<never> {
  return errorEnvelope(inputError(call, error));
}

/** Who answers calls: the handlers, the task service that runs task calls, and the audit log every validated call
 *  passes (it records the audited ones: who, what, target, when, result, task id). */
export interface CallTarget {
  readonly handlers: ApiHandlers;
  readonly tasks: Pick<TaskService, 'start'>;
  readonly audit?: Pick<AuditService, 'begin'>;
}

/** Validates and runs one call in-process (the CLI, tests): its value — a task call's result once its task ends. */
export async function invokeCall<K extends CallName>(target: CallTarget, name: K, input: CallInput<K>): Promise<CallValue<K>>;
export async function invokeCall(target: CallTarget, name: unknown, input: unknown): Promise<unknown>;
export async function invokeCall(target: CallTarget, name: unknown, input: unknown): Promise<unknown> {
  const call = validated(name, input);
  return isTaskCall(call.name) ? startTask(target, call.name, call.input).done : runPlain(target, call.name, call.input);
}

/** The same over a wire (Electron IPC, the loopback bridge): the result envelope, never a throw; a task call answers
 * `{taskId}` at once and its task goes on. */
export async function dispatchCall(target: CallTarget, name: unknown, input: unknown): Promise<CallResult<unknown>> {
  try {
    const call = validated(name, input);
    if (!isTaskCall(call.name)) return { ok: true, value: await runPlain(target, call.name, call.input) };
    const task = startTask(target, call.name, call.input);
    task.done.catch(() => undefined); // its error is the task's, reported by task events
    return { ok: true, value: { taskId: task.id } };
  } catch (err) {
    return errorEnvelope(err);
  }
}

function validated(name: unknown, input: unknown): { name: CallName; input: unknown } {
  if (!isCallName(name)) throw new CoreError('call.unknown', { call: String(name).slice(0, 80) });
  const parsed = contract[name].input.safeParse(input, { reportInput: true }); // the input tells missing from wrong
  if (!parsed.success) throw inputError(name, parsed.error);
  return { name, input: parsed.data };
}

/** How an audited call ended: nothing thrown, or the error's code. */
function ended(audit: AuditOpen | null, done: Promise<unknown>): void {
  if (audit) done.then((value) => audit.end(null, value), (err: unknown) => audit.end(errorReport(err)));
}

// The contract pairs each name with its handler's input type; TypeScript cannot correlate the two through a union
// key, so handlers are called through widened signatures after validation.
function runPlain(target: CallTarget, name: CallName, input: unknown): Promise<unknown> {
  // The entry is written before the handler runs: an audit log that cannot be written refuses the call.
  const audit = target.audit?.begin(name, input, null) ?? null;
  const done = (async () => (target.handlers[name] as (input: unknown) => Promise<unknown>)(input))();
  ended(audit, done);
  return done;
}

function startTask(target: CallTarget, name: TaskCallName, input: unknown): StartedTask<unknown> {
  const handler = target.handlers[name] as unknown as {
    task(input: unknown): TaskOptions;
    run(input: unknown, ctx: TaskContext): Promise<unknown>;
  };
  const opts = handler.task(input);
  const id = randomUUID();
  const audit = target.audit?.begin(name, input, id) ?? null;
  const task = target.tasks.start({ ...opts, id }, (ctx) => handler.run(input, ctx));
  ended(audit, task.done);
  return task;
}
