// A sheet's bytes: CSV with or without a BOM, XLSX through exceljs (numbers stay numbers), either one read back
// cell by cell; a broken file is a coded error.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { cellText, csvBytes, readSheet, xlsxBytes } from '../../../electron/core/sheet/sheet-files.js';
import type { SheetTable } from '../../../shared/model/sheet.js';

const table: SheetTable = {
  columns: ['host', 'name', 'vcpus', 'notes'],
  rows: [['h1', 'web,1', 2, 'two\nlines'], ['h2', '数据库', 4, '=not a formula']],
};
const asText = [table.columns, ...table.rows.map((r) => r.map(String))];

describe('sheet files', () => {
  it('CSV bytes read back as the same cells, with or without a BOM', async () => {
    expect((await readSheet('x.csv', csvBytes(table))).rows).toEqual(asText);
    const bom = csvBytes(table, true);
    expect([...bom.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(await readSheet('x.csv', bom)).toEqual({ format: 'csv', rows: asText });
  });

  it('XLSX opens in exceljs with numbers as numbers and reads back as the same cells', async () => {
    const bytes = await xlsxBytes(table);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('C2').value).toBe(2);
    expect(ws.getCell('D3').value).toBe('=not a formula');
    expect(await readSheet('x.xlsx', bytes)).toEqual({ format: 'xlsx', rows: asText });
  });

  it('words cells as shown: formulas by result, rich text joined, dates as days', () => {
    expect(cellText({ formula: 'A1+1', result: 3 } as ExcelJS.CellValue)).toBe('3');
    expect(cellText({ richText: [{ text: 'a' }, { text: 'b' }] })).toBe('ab');
    expect(cellText(new Date('2026-12-01T00:00:00Z'))).toBe('2026-12-01');
    expect(cellText(null)).toBe('');
  });

  it('a broken file is a coded error', async () => {
    await expect(readSheet('x.csv', Buffer.from('a,"b\n'))).rejects.toMatchObject({ code: 'sheet.csv-unclosed-quote', params: { line: 1 } });
    await expect(readSheet('x.csv', Buffer.from([0x61, 0xff, 0xfe]))).rejects.toMatchObject({ code: 'sheet.unreadable' });
    await expect(readSheet('x.xlsx', Buffer.from('PK\x03\x04garbage'))).rejects.toMatchObject({ code: 'sheet.unreadable' });
  });
});
