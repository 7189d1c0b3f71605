// A failed call as the CLI sees it: the core's report, {code, params}, which error-words.ts words. Light on purpose
// (shared only): main.ts words any error without loading the core.
import { type ErrorCode, type ErrorReport, isErrorCode, report } from '../../shared/model/errors.js';

/** A call refused by the dispatcher, or a task that failed: the core's report, {code, params}, worded by the CLI. */
export class CallFailed extends Error {
  readonly code: ErrorCode;
  constructor(readonly report: ErrorReport) {
    super(`${report.code} ${JSON.stringify(report.params)}`); // for logs only; the CLI words the report
    this.name = 'CallFailed';
    this.code = report.code;
  }
}

/** Any thrown value as a report: the core's own (a refused call, a failed task, an error a console channel threw
 * with its code), anything else (a bug) as internal with its first line. */
export function reportOf(err: unknown): ErrorReport {
  if (err instanceof CallFailed) return err.report;
  if (typeof err === 'object' && err !== null && 'code' in err && isErrorCode(err.code) && 'params' in err && typeof err.params === 'object' && err.params !== null) {
    const r: ErrorReport = { code: err.code, params: err.params as ErrorReport['params'] };
    // The input field it is about (a CoreError from a check): the CLI names it before the words.
    return 'field' in err && typeof err.field === 'string' ? { ...r, field: err.field } : r;
  }
  const text = err instanceof Error ? err.message : String(err);
  return report('internal', { message: text.split('\n')[0] || (err instanceof Error ? err.name : 'unexpected error') });
}
