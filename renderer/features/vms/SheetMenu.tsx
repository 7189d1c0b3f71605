// The VM table's spreadsheet buttons: Export (CSV or XLSX, saved where the user says) and Import (the preview dialog).
import { Button, Menu } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileExport, IconFileImport } from '@tabler/icons-react';
import { useState } from 'react';
import type { SheetFormat } from '../../../shared/model/sheet.js';
import { useT } from '../../app/i18n/index.js';
import { withToast } from '../../app/notify.js';
import { useSheet } from '../../state/sheet-slice.js';
import { SheetImportDialog } from './SheetImportDialog.js';

export function SheetMenu() {
  const t = useT();
  const exportSheet = useSheet((s) => s.exportSheet);
  const [importing, setImporting] = useState(false);
  const run = async (format: SheetFormat) => {
    const r = await withToast(t('sheet.exportFailed'), () => exportSheet(format));
    if (r) notifications.show({ message: t('sheet.exported', { count: r.vms }), color: 'teal', autoClose: 3000 });
  };
  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button size="xs" variant="default" leftSection={<IconFileExport size={14} />} data-testid="sheet-export">
            {t('sheet.export')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item onClick={() => void run('csv')} data-testid="sheet-export-csv">{t('sheet.exportCsv')}</Menu.Item>
          <Menu.Item onClick={() => void run('xlsx')} data-testid="sheet-export-xlsx">{t('sheet.exportXlsx')}</Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <Button size="xs" variant="default" leftSection={<IconFileImport size={14} />} onClick={() => setImporting(true)} data-testid="sheet-import">
        {t('sheet.import')}
      </Button>
      {importing && <SheetImportDialog onClose={() => setImporting(false)} />}
    </>
  );
}
