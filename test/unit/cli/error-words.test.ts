// The CLI words every error code of the core in its own English (flag hints included), naming each text param.
import { describe, expect, it } from 'vitest';
import { errorWords } from '../../../electron/cli/error-words.js';
import { reportOf } from '../../../electron/cli/failure.js';
import { CoreError } from '../../../electron/core/errors.js';
import { ERRORS, ERROR_CODES, report, type ErrorCode } from '../../../shared/model/errors.js';

/** A report of `code` with a recognisable value for each param. */
function sample(code: ErrorCode) {
  const params = Object.fromEntries(
    Object.entries(ERRORS[code] as Record<string, string>).map(([name, kind]) => [
      name,
      kind === 'int' || kind === 'bytes' ? 2048 : kind === 'list' ? [`${name}-a`, `${name}-b`] : kind === 'error' ? report('cancelled', {}) : `<${name}>`,
    ]),
  );
  return { code, params };
}

describe('CLI error words', () => {
  it('words every code, naming each text param', () => {
    const missing = ERROR_CODES.flatMap((code) => {
      const words = errorWords(sample(code));
      return Object.entries(ERRORS[code] as Record<string, string>)
        .filter(([name, kind]) => kind === 'text' && !words.includes(`<${name}>`))
        .map(([name]) => `${code}: ${name}`);
    });
    expect(missing).toEqual([]);
  });

  it('says which flag gets past an error the command line can fix', () => {
    const words = errorWords(report('volume.overcommit', { host: 'h1', pool: 'default', sizeBytes: 20 * 1024 ** 3, freeBytes: 5 * 1024 ** 3 }));
    expect(words).toBe('20 GiB is more than the 5 GiB free in pool "default" on h1; pass --overcommit for a thin volume that may outgrow it');
    expect(errorWords({ ...report('size.bad', { value: 'x' }), field: 'disk' })).toBe('disk: bad size "x": use a number with an optional unit, e.g. 10G, 512M, 1.5T, 20GB');
  });

  it('keeps the input field of an error thrown by a check, so the line names it', () => {
    const err = CoreError.from({ ...report('ip.outside', { ip: '10.99.0.1', cidr: '10.79.64.0/24' }), field: 'gateway' });
    expect(errorWords(reportOf(err))).toBe('gateway: 10.99.0.1 is outside 10.79.64.0/24');
  });
});
