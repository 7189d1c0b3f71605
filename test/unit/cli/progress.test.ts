// Task progress on stderr: a bar redrawn in place on a terminal, plain lines (steps, every 10 %) otherwise.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { Door } from '../../../electron/cli/door.js';
import type { Out } from '../../../electron/cli/output.js';
import { barLine, showTaskProgress } from '../../../electron/cli/progress.js';
import type { CoreEvent } from '../../../shared/model/events.js';
import type { TaskInfo } from '../../../shared/model/task.js';

function fakeDoor(): { door: Door; emit(task: Partial<TaskInfo>): void } {
  const bus = new EventEmitter<{ event: [CoreEvent] }>();
  const door = {
    onEvent: (l: (e: CoreEvent) => void) => {
      bus.on('event', l);
      return () => bus.off('event', l);
    },
  } as unknown as Door;
  const base: TaskInfo = {
    id: 't1', op: 'volume.upload', args: { volume: 'v' }, host: 'h1', state: 'running', progress: null, message: null, steps: [],
    startedAt: '2026-01-01T00:00:00.000Z', endedAt: null, error: null, result: null, cancellable: false,
  };
  return { door, emit: (t) => bus.emit('event', { type: 'task', task: { ...base, ...t } }) };
}

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

describe('showTaskProgress', () => {
  const steps = (state: 'running' | 'succeeded'): TaskInfo['steps'] =>
    [{ name: 'clone', state, startedAt: '2026-01-01T00:00:00.000Z', endedAt: state === 'succeeded' ? '2026-01-01T00:00:01.500Z' : null }] as TaskInfo['steps'];

  it('without a terminal: a line per step change and per tenth of progress', () => {
    const { door, emit } = fakeDoor();
    const { out, text } = capture(null);
    const stop = showTaskProgress(door, out);
    emit({ steps: steps('running') });
    for (const p of [0.05, 0.1, 0.12, 0.5, 1]) emit({ progress: p, message: `${p}` });
    emit({ steps: steps('succeeded'), state: 'succeeded' });
    stop();
    expect(text()).toBe('[clone] running\n5% 0.05\n10% 0.1\n50% 0.5\n100% 1\n[clone] succeeded (1.5 s)\n');
  });

  it('on a terminal: the bar is redrawn on one line, cleared for step lines and at the end', () => {
    const { door, emit } = fakeDoor();
    const { out, text } = capture(60);
    const stop = showTaskProgress(door, out);
    emit({ progress: 0.25, message: 'a' });
    emit({ progress: 0.25, message: 'a' });
    emit({ progress: 0.5, message: 'b', steps: steps('running') });
    stop();
    expect(text()).toBe(
      `\r${barLine(0.25, 'a', 60)}\x1b[K` + '\r\x1b[K[clone] running\n' + `\r${barLine(0.5, 'b', 60)}\x1b[K` + '\r\x1b[K',
    );
    emit({ progress: 0.9, message: 'after stop' });
    expect(text()).not.toContain('after stop');
  });
});
