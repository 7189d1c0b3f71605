// A sheet's bytes: CSV (our own RFC 4180 writer and reader, UTF-8, an optional byte order mark) and XLSX (exceljs,
// one worksheet, numbers as numbers; loaded only when a workbook is read or written). Reading takes either, told apart by the file's first bytes (XLSX is a ZIP).
import type { CellValue, Workbook } from 'exceljs';
import type { SheetFormat, SheetTable } from '../../../shared/model/sheet.js';
import { CoreError } from '../errors.js';
import { CsvError, parseCsv, UTF8_BOM, writeCsv } from '../../../shared/csv.js';

const SHEET_NAME = 'VMs';

export function csvBytes(table: SheetTable, bom = false): Buffer {
  const text = writeCsv([table.columns, ...table.rows.map((r) => r.map(String))]);
  return Buffer.from(bom ? UTF8_BOM + text : text, 'utf8');
}

const newWorkbook = async (): Promise<Workbook> => new (await import('exceljs')).default.Workbook();

export async function xlsxBytes(table: SheetTable): Promise<Buffer> {
  const wb = await newWorkbook();
  wb.creator = 'VirtDeck';
  const ws = wb.addWorksheet(SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.addRow(table.columns).font = { bold: true };
  for (const row of table.rows) ws.addRow(row);
  ws.columns.forEach((c) => (c.width = 18));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const isZip = (bytes: Uint8Array): boolean => bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

/** The rows of a CSV or XLSX file's bytes (the first worksheet), each cell as text; a bad file is a CoreError. */
export async function readSheet(file: string, bytes: Uint8Array): Promise<{ format: SheetFormat; rows: string[][] }> {
  if (isZip(bytes)) return { format: 'xlsx', rows: await readXlsx(file, bytes) };
  try {
    return { format: 'csv', rows: parseCsv(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) };
  } catch (err) {
    if (err instanceof CsvError) throw new CoreError(err.reason === 'unclosed-quote' ? 'sheet.csv-unclosed-quote' : 'sheet.csv-text-after-quote', { line: err.line });
    throw new CoreError('sheet.unreadable', { file, message: err instanceof Error ? err.message : String(err) });
  }
}

async function readXlsx(file: string, bytes: Uint8Array): Promise<string[][]> {
  const wb = await newWorkbook();
  try {
    // exceljs types its input as an ArrayBuffer-like Buffer of its own; it reads Node's Buffer.
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch (err) {
    throw new CoreError('sheet.unreadable', { file, message: err instanceof Error ? err.message : String(err) });
  }
  const ws = wb.worksheets[0];
  if (!ws) return [];
  const rows: string[][] = [];
  const width = ws.columnCount;
  ws.eachRow((row) => {
    const cells = Array.from({ length: width }, (_, i) => cellText(row.getCell(i + 1).value));
    if (cells.some((c) => c !== '')) rows.push(cells);
  });
  return rows;
}

/** A cell's value as the text a user sees: formulas by their result, rich text joined, dates as YYYY-MM-DD. */
export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('hyperlink' in value) return String(value.text);
  if ('formula' in value || 'sharedFormula' in value) return 'result' in value && value.result !== undefined ? cellText(value.result as CellValue) : '';
  return '';
}
