// Task titles and step names are worded by the UI from the core's {op, args} and step names, in both languages.
import { describe, expect, it } from 'vitest';
import { translate, type Translate } from '../../../renderer/app/i18n/index.js';
import { stepLabel, taskTitle } from '../../../renderer/features/tasks/task-title.js';
import { TASK_OPS, TASK_STEPS } from '../../../shared/model/task.js';

const en: Translate = (key, vars) => translate('en', key, vars);
const zh: Translate = (key, vars) => translate('zh-CN', key, vars);

describe('task words', () => {
  it('titles are sentences in the language, with the names filled in', () => {
    const task = { op: 'instance.launch', args: { name: 'web', host: 'h2' } } as const;
    expect(taskTitle(en, task)).toBe('Launch web on h2');
    expect(taskTitle(zh, task)).toBe('在 h2 上启动实例 web');
    expect(taskTitle(zh, { op: 'volume.upload', args: { pool: 'default', volume: 'disk.raw', file: '/tmp/a.raw' } })).toBe(
      '上传 /tmp/a.raw 到 default/disk.raw',
    );
  });

  it('every op and every known step has words in both languages', () => {
    for (const op of TASK_OPS) {
      expect(taskTitle(en, { op, args: {} })).not.toMatch(/^task\.op\./);
      expect(taskTitle(zh, { op, args: {} })).not.toBe(taskTitle(en, { op, args: {} }));
    }
    for (const step of TASK_STEPS) expect(stepLabel(zh, step)).not.toBe(step);
  });

  it('a step the UI does not know shows its name', () => {
    expect(stepLabel(zh, 'cloud-init')).toBe('等待 cloud-init 完成');
    expect(stepLabel(zh, 'defrag')).toBe('defrag');
  });
});
