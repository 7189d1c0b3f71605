// A tiny typed i18n: one dictionary per language, `t(key, vars)` with {name} substitution.
import { useCallback } from 'react';
import { useUi, type Language } from '../../state/ui-slice.js';
import { en, type MessageKey } from './en.js';
import { zhCN } from './zh-CN.js';

export type { MessageKey };
export type Vars = Readonly<Record<string, string | number>>;
export type Translate = (key: MessageKey, vars?: Vars) => string;

export const LANGUAGES: readonly { value: Language; label: string }[] = [
  { value: 'en', label: 'English' },
  { value: 'zh-CN', label: '简体中文' },
];

export const dictionaries: Readonly<Record<Language, Readonly<Record<MessageKey, string>>>> = { en, 'zh-CN': zhCN };

/**
 * `{name}` is a variable; `{name|one|other}` picks a word by the number's plural category in the language
 * ("{count} {count|VM|VMs}"; Chinese needs none).
 */
export function translate(lang: Language, key: MessageKey, vars?: Vars): string {
  const text = dictionaries[lang][key];
  if (!vars) return text;
  const rules = new Intl.PluralRules(lang);
  return text
    .replace(/\{(\w+)\|([^|{}]*)\|([^|{}]*)\}/g, (m, name: string, one: string, other: string) =>
      name in vars ? (rules.select(Number(vars[name])) === 'one' ? one : other) : m,
    )
    .replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

export function useT(): Translate {
  const lang = useUi((s) => s.language);
  return useCallback((key, vars) => translate(lang, key, vars), [lang]);
}

export function useLanguage(): Language {
  return useUi((s) => s.language);
}
