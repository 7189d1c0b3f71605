// Task progress on stderr: a bar redrawn in place on a terminal, plain lines (steps, every 10 %) otherwise.
import { describe, expect, it } from 'vitest';
import type { Out } from '../../../electron/cli/output.js';
import { barLine, TaskProgress, withProgress } from '../../../electron/cli/progress.js';
import { report } from '../../../shared/model/errors.js';
import type { TaskInfo } from '../../../shared/model/task.js';

const base: TaskInfo = {
  id: 't1', op: 'volume.upload', args: { volume: 'v' }, host: 'h1', state: 'running', progress: null, message: null, steps: [],
  startedAt: '2026-01-01T00:00:00.000Z', endedAt: null, error: null, result: null, cancellable: false,
};
const task = (t: Partial<TaskInfo>): TaskInfo => ({ ...base, ...t });
const steps = (state: 'running' | 'succeeded'): TaskInfo['steps'] => [
  { name: 'clone', state, startedAt: '2026-01-01T00:00:00.000Z', endedAt: state === 'succeeded' ? '2026-01-01T00:00:01.500Z' : null },
];

function capture(columns: number | null): { out: Out; text: () => string } {
  let err = '';
  return { out: { stdout: () => undefined, stderr: (t) => void (err += t), stderrColumns: () => columns }, text: () => err };
}

describe('barLine', () => {
  it('fills the bar by the fraction done and cuts to the terminal width', () => {
    expect(barLine(0.5, '1.0 of 2.0 MiB', 80)).toBe(`[${'█'.repeat(15)}${'░'.repeat(15)}]  50% 1.0 of 2.0 MiB`);
    expect(barLine(1, null, 80)).toBe(`[${'█'.repeat(30)}] 100%`);
    expect(barLine(0.2, 'a long message', 20)).toHaveLength(19);
  });
});

describe('TaskProgress', () => {
  it('without a terminal: a line per step change and per tenth of progress', () => {
    const { out, text } = capture(null);
    const p = new TaskProgress(out);
    p.watch(task({ steps: steps('running') }));
    for (const progress of [0.05, 0.1, 0.12, 0.5, 1]) p.watch(task({ progress, message: report('note.merging', { disk: `${progress}` }) }));
    p.watch(task({ steps: steps('succeeded'), state: 'succeeded' }));
    p.end();
    expect(text()).toBe('[clone] running\n5% merging 0.05\n10% merging 0.1\n50% merging 0.5\n100% merging 1\n[clone] succeeded (1.5 s)\n');
  });

  it('on a terminal: the bar is redrawn on one line, cleared for step lines and at the end', async () => {
    const { out, text } = capture(60);
    await withProgress(out, async (watch) => {
      watch(task({ progress: 0.25, message: report('note.stopping-vm', {}) }));
      watch(task({ progress: 0.25, message: report('note.stopping-vm', {}) }));
      watch(task({ progress: 0.5, message: report('note.cleaning-up', {}), steps: steps('running') }));
    });
    expect(text()).toBe(
      `\r${barLine(0.25, 'stopping the VM', 60)}\x1b[K` + '\r\x1b[K[clone] running\n' + `\r${barLine(0.5, 'cleaning up', 60)}\x1b[K` + '\r\x1b[K',
    );
  });

  it('clears the bar when the call fails', async () => {
    const { out, text } = capture(60);
    await expect(withProgress(out, async (watch) => {
      watch(task({ progress: 0.3 }));
      throw new Error('gone');
    })).rejects.toThrow('gone');
    expect(text().endsWith('\r\x1b[K')).toBe(true);
  });
});
