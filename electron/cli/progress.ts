// Progress of the tasks a command starts, on stderr. On a terminal: a bar redrawn in place (each step still gets
// its own line); otherwise plain lines: each step when it starts and ends, and the progress every 10 %.
import type { TaskInfo } from '../../shared/model/task.js';
import type { Door } from './door.js';
import type { Out } from './output.js';

const BAR_WIDTH = 30;

/** `[██████░░░░] 42% message`, cut to the terminal's width. */
export function barLine(progress: number, message: string | null, columns: number): string {
  const filled = Math.round(Math.min(1, Math.max(0, progress)) * BAR_WIDTH);
  const text = `[${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}] ${String(Math.round(progress * 100)).padStart(3)}% ${message ?? ''}`;
  return text.slice(0, Math.max(1, columns - 1)).trimEnd();
}

function stepLines(t: TaskInfo, seen: Map<string, string>): string {
  let text = '';
  for (const s of t.steps) {
    const key = `${t.id}/${s.name}`;
    if (seen.get(key) === s.state || s.state === 'pending') continue;
    seen.set(key, s.state);
    const secs = s.startedAt && s.endedAt ? ` (${((Date.parse(s.endedAt) - Date.parse(s.startedAt)) / 1000).toFixed(1)} s)` : '';
    text += `[${s.name}] ${s.state}${secs}\n`;
  }
  return text;
}

/** Shows every task of this process until the returned function is called. */
export function showTaskProgress(door: Door, out: Out): () => void {
  const columns = out.stderrColumns();
  const seen = new Map<string, string>();
  const shown = new Map<string, string>();
  let barShown = false;
  const clearBar = (): void => {
    if (barShown) out.stderr('\r\x1b[K');
    barShown = false;
  };
  const off = door.onEvent((e) => {
    if (e.type !== 'task') return;
    const t = e.task;
    const steps = stepLines(t, seen);
    if (steps) {
      clearBar();
      out.stderr(steps);
    }
    if (t.state !== 'running' || t.progress === null) {
      clearBar();
      return;
    }
    // Redraw a bar at each half per cent (or new message); write a line at each tenth.
    const mark = columns === null ? String(Math.floor(t.progress * 10)) : `${Math.floor(t.progress * 200)} ${t.message ?? ''}`;
    if (shown.get(t.id) === mark) return;
    shown.set(t.id, mark);
    if (columns === null) out.stderr(`${Math.round(t.progress * 100)}% ${t.message ?? ''}\n`);
    else {
      out.stderr(`\r${barLine(t.progress, t.message, columns)}\x1b[K`);
      barShown = true;
    }
  });
  return () => {
    off();
    clearBar();
  };
}
