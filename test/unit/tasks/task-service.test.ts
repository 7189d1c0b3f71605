// TaskService: a task per started call with its own id and events, a service's own task joining the running one,
// cancel only where the task allows it, and the error's code kept.
import { describe, expect, it } from 'vitest';
import { CoreError } from '../../../electron/core/errors.js';
import { TaskService, type TaskContext } from '../../../electron/core/tasks/task-service.js';
import type { TaskInfo } from '../../../shared/model/task.js';

function service() {
  const events: TaskInfo[] = [];
  return { tasks: new TaskService((t) => events.push(t)), events };
}

describe('TaskService', () => {
  it('two tasks of one op and name on two hosts keep their own id, host, steps and progress', async () => {
    const { tasks, events } = service();
    const launch = (host: string, fraction: number) =>
      tasks.start({ op: 'instance.launch', args: { name: 'web', host }, host, steps: ['clone', 'define'] }, async (ctx) => {
        await ctx.step('clone', async () => ctx.progress(fraction));
        return { host };
      });
    const a = launch('h1', 0.25);
    const b = launch('h2', 0.75);
    expect(a.id).not.toBe(b.id);
    expect(await a.done).toEqual({ host: 'h1' });
    expect(await b.done).toEqual({ host: 'h2' });
    const of = (id: string) => events.filter((e) => e.id === id);
    expect(of(a.id).every((e) => e.host === 'h1')).toBe(true);
    expect(of(b.id).every((e) => e.host === 'h2')).toBe(true);
    expect(of(a.id).map((e) => e.progress)).toContain(0.25);
    expect(of(a.id).map((e) => e.progress)).not.toContain(0.75);
    expect(of(b.id).at(-1)).toMatchObject({ state: 'succeeded', result: { host: 'h2' } });
    expect(of(b.id).at(-1)?.steps.map((s) => [s.name, s.state])).toEqual([['clone', 'succeeded'], ['define', 'pending']]);
  });

  it("a service's own task inside a running task joins it: its host, steps and cancel, one task in the list", async () => {
    const { tasks } = service();
    let inner: TaskContext | null = null;
    const started = tasks.start({ op: 'instance.launch', args: { name: 'web', host: 'auto' } }, (outer) =>
      tasks.run({ op: 'instance.launch', args: { name: 'web', host: 'h2' }, host: 'h2', cancellable: true, steps: ['clone'] }, async (ctx) => {
        inner = ctx;
        expect(tasks.list()[0]).toMatchObject({ host: 'h2', args: { host: 'h2' }, cancellable: true, steps: [{ name: 'clone' }] });
        expect(ctx.signal).toBe(outer.signal);
        return 7;
      }),
    );
    expect(await started.done).toBe(7);
    expect(inner).not.toBeNull();
    expect(tasks.list()).toHaveLength(1);
    // Outside any task, run starts a task of its own.
    await tasks.run({ op: 'volume.upload', args: { pool: 'p', volume: 'v', file: 'f' } }, async () => null);
    expect(tasks.list().map((t) => t.op)).toEqual(['instance.launch', 'volume.upload']);
  });

  it('cancels a cancellable task through its signal; refuses the others; keeps the error code of a failure', async () => {
    const { tasks } = service();
    const long = tasks.start({ op: 'volume.upload', args: {}, cancellable: true }, (ctx) =>
      new Promise((_, reject) => ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason as Error))),
    );
    const fixed = tasks.start({ op: 'vm.delete', args: { vm: 'web' } }, () => new Promise(() => undefined));
    expect(() => tasks.cancel(fixed.id)).toThrow(expect.objectContaining({ code: 'task.not-cancellable', params: { id: fixed.id } }));
    expect(() => tasks.cancel('nope')).toThrow(expect.objectContaining({ code: 'task.not-found', params: { id: 'nope' } }));
    tasks.cancel(long.id);
    await expect(long.done).rejects.toMatchObject({ code: 'cancelled' });
    expect(tasks.list().find((t) => t.id === long.id)).toMatchObject({ state: 'cancelled', error: { code: 'cancelled' } });

    const failed = tasks.start({ op: 'pool.delete', args: { pool: 'p' } }, async () => {
      throw new CoreError('pool.running', { host: 'h1', pool: 'p' });
    });
    await expect(failed.done).rejects.toThrow(expect.objectContaining({ code: 'pool.running' }));
    expect(tasks.list().find((t) => t.id === failed.id)).toMatchObject({
      state: 'failed',
      error: { code: 'pool.running', params: { host: 'h1', pool: 'p' } },
      result: null,
    });
  });
});
