// Progress of the tasks a command starts, on stderr: each step when it begins and ends (with its time), and the
// progress of transfers at most every 10 %.
import type { TaskInfo } from '../../../shared/model/task.js';
import { errorWords } from '../error-words.js';
import type { Core } from '../../core/core.js';
import type { Out } from '../output.js';

export function showTaskProgress(core: Core, out: Out): () => void {
  const seen = new Map<string, string>();
  const tenths = new Map<string, number>();
  return core.onEvent((e) => {
    if (e.type !== 'task') return;
    const t: TaskInfo = e.task;
    for (const s of t.steps) {
      const key = `${t.id}/${s.name}`;
      if (seen.get(key) === s.state || s.state === 'pending') continue;
      seen.set(key, s.state);
      const secs = s.startedAt && s.endedAt ? ` (${((Date.parse(s.endedAt) - Date.parse(s.startedAt)) / 1000).toFixed(1)} s)` : '';
      out.stderr(`[${s.name}] ${s.state}${secs}\n`);
    }
    if (t.state === 'running' && t.progress !== null) {
      const tenth = Math.floor(t.progress * 10);
      if (tenths.get(t.id) !== tenth) {
        tenths.set(t.id, tenth);
        out.stderr(`${Math.round(t.progress * 100)}% ${t.message ? errorWords(t.message) : ''}\n`);
      }
    }
  });
}
