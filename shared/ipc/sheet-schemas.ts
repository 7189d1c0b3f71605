// Schemas of the sheet.* calls: export every VM as CSV/XLSX, preview and apply an imported sheet.
import { z } from 'zod';
import { lazySchema } from './lazy-schema.js';
import { SHEET_FORMATS, type SheetPlan, type SheetTable } from '../model/sheet.js';
import { errorReport } from './error-schema.js';

const localPath = lazySchema(() => z.string().min(1).max(4096));

export const sheetTable: z.ZodType<SheetTable> = lazySchema(() => z.object({
  columns: z.array(z.string()),
  rows: z.array(z.array(z.union([z.string(), z.number()]))),
}));

export const sheetExportInput = lazySchema(() => z
  .object({
    format: z.enum(SHEET_FORMATS),
    /** Where the core writes the file (a path the user picked). */
    file: localPath,
    /** CSV only: start with a UTF-8 byte order mark (older Excel reads UTF-8 only then). Default false. */
    bom: z.boolean().optional(),
  })
  .strict());

export const sheetExportResult = lazySchema(() => z.object({ vms: z.number().int(), bytes: z.number().int() }));

/** The sheet to read: a .csv or .xlsx file the user picked (the format follows its first bytes). */
export const sheetFileInput = lazySchema(() => z.object({ file: localPath }).strict());

const sheetChange = lazySchema(() => z.object({
  fact: z.enum(['owner', 'notes', 'tags', 'field']),
  column: z.string().optional(),
  old: z.string(),
  new: z.string(),
}));

export const sheetPlan: z.ZodType<SheetPlan> = lazySchema(() => z.object({
  format: z.enum(SHEET_FORMATS),
  rows: z.number().int(),
  vms: z.array(
    z.object({
      row: z.number().int(),
      host: z.string(),
      name: z.string(),
      uuid: z.string(),
      changes: z.array(sheetChange),
      reserve: z.array(z.object({ network: z.string(), ip: z.string() })),
      outcome: z.enum(['planned', 'applied', 'failed']),
      error: errorReport.nullable(),
    }),
  ),
  conflicts: z.array(z.object({ row: z.number().int(), host: z.string().nullable(), name: z.string().nullable(), error: errorReport })),
  ignoredColumns: z.array(z.string()),
  applied: z.boolean(),
}));
