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
    expect(translate('en', 'vm.count', { shown: 3 })).toBe('3 of {total} {total|VM|VMs}');
  });

  it('picks singular or plural words by the number', () => {
    expect(translate('en', 'host.vmCount', { count: 1 })).toBe('1 VM');
    expect(translate('en', 'host.vmCount', { count: 0 })).toBe('0 VMs');
    expect(translate('en', 'pool.plan.destroy', { count: 1, size: '2 GiB' })).toBe('DESTROYS 1 volume using 2 GiB.');
    expect(translate('en', 'vm.count', { shown: 1, total: 1 })).toBe('1 of 1 VM');
    expect(translate('zh-CN', 'host.vmCount', { count: 1 })).toBe(translate('zh-CN', 'host.vmCount', { count: 2 }).replace('2', '1'));
  });
});
