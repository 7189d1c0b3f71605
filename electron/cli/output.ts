// Human tables and JSON output for the CLI.

export interface Out {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Width of stderr when it is a terminal (progress bars redraw one line there), else null: plain lines. */
  stderrColumns(): number | null;
}

export const processOut: Out = {
  stdout: (t) => void process.stdout.write(t),
  stderr: (t) => void process.stderr.write(t),
  stderrColumns: () => (process.stderr.isTTY ? process.stderr.columns || 80 : null),
};

export function printJson(out: Out, value: unknown): void {
  out.stdout(`${JSON.stringify(value, null, 2)}\n`);
}

/** Left-aligned columns sized to their content; header in upper case. */
export function printTable(out: Out, headers: string[], rows: string[][]): void {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => [...(r[i] ?? '')].length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c + ' '.repeat((widths[i] ?? 0) - [...c].length)))
      .join('  ')
      .trimEnd();
  out.stdout(`${[line(headers.map((h) => h.toUpperCase())), ...rows.map(line)].join('\n')}\n`);
}

export function ago(iso: string, now = Date.now()): string {
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (s < 60) return `${s}s ago`;
  if (s < 3600) return `${Math.round(s / 60)}m ago`;
  if (s < 86400) return `${Math.round(s / 3600)}h ago`;
  return `${Math.round(s / 86400)}d ago`;
}
