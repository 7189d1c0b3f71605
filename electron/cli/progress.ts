// Progress of a command's task on stderr. On a terminal: a bar redrawn in place (each step still gets its own
// line); otherwise plain lines: each step when it starts and ends, and the progress every 10 %.
import type { TaskInfo } from '../../shared/model/task.js';
import { errorWords } from './error-words.js';
import type { Out } from './output.js';

const BAR_WIDTH = 30;

/** `[██████░░░░] 42% message`, cut to the terminal's width. */
export function barLine(progress: number, message: string | null, columns: number): string {
  const filled = Math.round(Math.min(1, Math.max(0, progress)) * BAR_WIDTH);
  const text = `[${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}] ${String(Math.round(progress * 100)).padStart(3)}% ${message ?? ''}`;
  return text.slice(0, Math.max(1, columns - 1)).trimEnd();
}

/** Shows the updates of one task (give `watch` to Door.call); `end` clears the bar. */
export class TaskProgress {
  private readonly columns: number | null;
  private readonly steps = new Map<string, string>();
  private shown: string | null = null;
  private barShown = false;

  constructor(private readonly out: Out) {
    this.columns = out.stderrColumns();
  }

  readonly watch = (t: TaskInfo): void => {
    const lines = this.stepLines(t);
    if (lines) {
      this.clearBar();
      this.out.stderr(lines);
    }
    if (t.state !== 'running' || t.progress === null) {
      this.clearBar();
      return;
    }
    // Redraw the bar at each half per cent (or new message); write a line at each tenth.
    const note = t.message ? errorWords(t.message) : null;
    const mark = this.columns === null ? String(Math.floor(t.progress * 10)) : `${Math.floor(t.progress * 200)} ${note ?? ''}`;
    if (this.shown === mark) return;
    this.shown = mark;
    if (this.columns === null) this.out.stderr(`${Math.round(t.progress * 100)}% ${note ?? ''}\n`);
    else {
      this.out.stderr(`\r${barLine(t.progress, note, this.columns)}\x1b[K`);
      this.barShown = true;
    }
  };

  end(): void {
    this.clearBar();
  }

  private clearBar(): void {
    if (this.barShown) this.out.stderr('\r\x1b[K');
    this.barShown = false;
  }

  /** A line per step that started or ended since the last update, with its time once it ended. */
  private stepLines(t: TaskInfo): string {
    let text = '';
    for (const s of t.steps) {
      if (this.steps.get(s.name) === s.state || s.state === 'pending') continue;
      this.steps.set(s.name, s.state);
      const secs = s.startedAt && s.endedAt ? ` (${((Date.parse(s.endedAt) - Date.parse(s.startedAt)) / 1000).toFixed(1)} s)` : '';
      text += `[${s.name}] ${s.state}${secs}\n`;
    }
    return text;
  }
}

/** Runs `call` with a progress display of its task. */
export async function withProgress<T>(out: Out, call: (watch: (t: TaskInfo) => void) => Promise<T>): Promise<T> {
  const progress = new TaskProgress(out);
  try {
    return await call(progress.watch);
  } finally {
    progress.end();
  }
}
