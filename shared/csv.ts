// CSV as RFC 4180 says (comma, CRLF rows, fields with a comma, quote or line break in double quotes, a quote doubled),
// read back the same way, plus one guard: a cell a spreadsheet would run as a formula (starting with = + - @, a tab or
// a carriage return) is written with a leading apostrophe, which spreadsheets show as text; reading takes it off again.

const FORMULA_START = /^[=+\-@\t\r]/;

/** True when a spreadsheet would take the text as a formula (also once its protective apostrophe is off). */
function guarded(text: string): boolean {
  return FORMULA_START.test(text) || (text.startsWith("'") && guarded(text.slice(1)));
}

/** The cell as written to a sheet: a formula-like text gets an apostrophe in front. */
export function protectCell(text: string): string {
  return guarded(text) ? `'${text}` : text;
}

/** The text of a protected cell (what protectCell was given). */
export function unprotectCell(text: string): string {
  return text.startsWith("'") && guarded(text.slice(1)) ? text.slice(1) : text;
}

function field(text: string): string {
  const cell = protectCell(text);
  return /[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/** The rows as CSV text (CRLF line ends, a last CRLF); the BOM is the caller's (bytes) business. */
export function writeCsv(rows: ReadonlyArray<ReadonlyArray<string>>): string {
  return rows.map((r) => `${r.map(field).join(',')}\r\n`).join('');
}

export const UTF8_BOM = '\uFEFF';

export class CsvError extends Error {
  readonly line: number;
  readonly reason: 'unclosed-quote' | 'text-after-quote';
  constructor(line: number, reason: 'unclosed-quote' | 'text-after-quote') {
    super(`CSV line ${line}: ${reason}`);
    this.line = line;
    this.reason = reason;
  }
}

/**
 * The rows of a CSV text: a leading BOM is skipped, LF or CRLF end rows, blank lines are dropped, protected cells are
 * unprotected. A quote left open or text after a closing quote is a CsvError naming the line.
 */
export function parseCsv(input: string): string[][] {
  const text = input.startsWith(UTF8_BOM) ? input.slice(1) : input;
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let wasQuoted = false;
  let line = 1;
  let startLine = 1;
  const endCell = () => {
    row.push(unprotectCell(cell));
    cell = '';
    wasQuoted = false;
  };
  const endRow = () => {
    endCell();
    if (row.length > 1 || row[0] !== '') rows.push(row);
    row = [];
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n') line++;
        cell += c;
      }
      continue;
    }
    if (wasQuoted && c !== ',' && c !== '\n' && c !== '\r') throw new CsvError(line, 'text-after-quote');
    if (c === '"' && cell === '') {
      quoted = true;
      wasQuoted = true;
      startLine = line;
    } else if (c === ',') endCell();
    else if (c === '\r' && text[i + 1] === '\n') {
      endRow();
      i++;
      line++;
    } else if (c === '\n') {
      endRow();
      line++;
    } else cell += c;
  }
  if (quoted) throw new CsvError(startLine, 'unclosed-quote');
  if (cell !== '' || wasQuoted || row.length > 0) endRow();
  return rows;
}
