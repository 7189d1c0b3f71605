// Every error code has words in each language (the types make a missing one a compile error); these tests check
// what the types cannot: a wording uses only its code's params, the Chinese words are Chinese, and a report is
// worded with its sizes, lists and nested causes formatted. The CLI's words: test/unit/cli/error-words.test.ts.
import { describe, expect, it } from 'vitest';
import { ERRORS, ERROR_CODES, report } from '../../../shared/model/errors.js';
import { wordReport } from '../../../renderer/app/errors.js';
import { dictionaries, translate, type Translate } from '../../../renderer/app/i18n/index.js';
import { englishWords } from '../../fixtures/technical-words.js';

const PLACEHOLDER = /\{(\w+)\}/g;
const tIn = (lang: 'en' | 'zh-CN'): Translate => (key, vars) => translate(lang, key, vars);


describe('error words', () => {
  it.each(['en', 'zh-CN'] as const)('%s: every wording uses only the params of its code', (lang) => {
    const wrong = ERROR_CODES.flatMap((code) => {
      const text = dictionaries[lang][`error.${code}`];
      const used = [...text.matchAll(PLACEHOLDER)].map((m) => m[1] as string);
      return used.filter((p) => !(p in ERRORS[code])).map((p) => `${code}: {${p}}`);
    });
    expect(wrong).toEqual([]);
  });

  it('zh-CN: no English words besides technical names', () => {
    const english = ERROR_CODES.flatMap((code) =>
      englishWords(dictionaries['zh-CN'][`error.${code}`].replace(PLACEHOLDER, '')).map((w) => `${code}: ${w}`),
    );
    expect(english).toEqual([]);
  });

  it('formats sizes, lists and nested causes in the user’s language', () => {
    const r = report('launch.failed', {
      host: 'h1',
      name: 'web1',
      cause: report('volume.no-space', { host: 'h1', pool: 'default', needBytes: 10 * 1024 ** 3, freeBytes: 512 * 1024 ** 2 }),
      rolledBack: [],
    });
    expect(wordReport(tIn('en'), r)).toBe(
      'Launching web1 on h1 failed: 10.0 GiB does not fit in pool “default” on h1: only 512 MiB free. Rolled back: none',
    );
    expect(wordReport(tIn('zh-CN'), r)).toBe(
      '在 h1 上启动 web1 失败：10.0 GiB 放不进 h1 上的存储池“default”：只剩 512 MiB。已回滚：无',
    );
  });
});
