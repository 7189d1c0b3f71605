// The filter's keywords in every UI language: `状态:运行中` is `state:running`, whatever language is shown, so a
// filter typed or pasted in either language matches. Words come from the dictionaries the UI shows.
import { VM_STATES, type VmState } from '../../../shared/model/vm.js';
import type { FilterField, FilterWords } from '../../../shared/model/vm-filter.js';
import { en } from '../../app/i18n/en.js';
import { zhCN } from '../../app/i18n/zh-CN.js';

const DICTIONARIES = [en, zhCN];
const FIELD_KEYS = { state: 'filter.field.state', host: 'filter.field.host', tag: 'filter.field.tag', ip: 'filter.field.ip', name: 'filter.field.name' } as const satisfies Record<FilterField, string>;

const FIELD_ALIASES: ReadonlyMap<string, FilterField> = new Map(
  (Object.keys(FIELD_KEYS) as FilterField[]).flatMap((f) => [[f, f] as const, ...DICTIONARIES.map((d) => [d[FIELD_KEYS[f]].toLowerCase(), f] as const)]),
);

const STATE_WORDS: ReadonlyArray<readonly [string, VmState]> = VM_STATES.flatMap((s) => DICTIONARIES.map((d) => [d[`state.${s}`].toLowerCase(), s] as const));

/** The field a keyword names in any language ("状态" → state), or undefined. */
export function filterField(word: string): FilterField | undefined {
  return FIELD_ALIASES.get(word);
}

/** The states whose shown name (any language) starts with `word` ("运行" → running; "已" → paused, shutoff, …). */
export function statesNamed(word: string): VmState[] {
  if (!word) return [];
  return [...new Set(STATE_WORDS.filter(([w]) => w.startsWith(word)).map(([, s]) => s))];
}

/** The filter's words in every UI language, for the shared filter. */
export const UI_WORDS: FilterWords = { field: filterField, statesNamed };
