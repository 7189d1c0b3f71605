import { describe, expect, it } from 'vitest';
import { dictionaries, translate } from '../../../renderer/app/i18n/index.js';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('i18n', () => {
  const en = dictionaries.en;
  const zh = dictionaries['zh-CN'];

  it('en and zh-CN have exactly the same keys', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
  });

  it('no string is empty and every translation uses the same placeholders', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(en[key].trim(), key).not.toBe('');
      expect(zh[key].trim(), key).not.toBe('');
      expect(placeholders(zh[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('substitutes variables and leaves unknown ones visible', () => {
    expect(translate('en', 'vm.count', { shown: 3, total: 10 })).toBe('3 of 10 VMs');
    expect(translate('zh-CN', 'vm.count', { shown: 3, total: 10 })).toBe('显示 3 / 共 10 台虚拟机');
    expect(translate('en', 'vm.count', { shown: 3 })).toBe('3 of {total} VMs');
  });
});
