// sheet.* calls.
import type { HandlersOf } from '../calls.js';
import type { SheetService } from './sheet-service.js';

export function sheetHandlers(sheet: SheetService): HandlersOf<'sheet'> {
  return {
    'sheet.table': async () => sheet.table(),
    'sheet.export': async ({ format, file, bom }) => sheet.export(format, file, bom),
    'sheet.preview': async ({ file }) => sheet.preview(file),
    'sheet.apply': async ({ file }) => sheet.apply(file),
  };
}
