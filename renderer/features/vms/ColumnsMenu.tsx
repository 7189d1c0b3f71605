// Which optional columns of the VM table show (kept with the UI settings and in saved views).
import { Button, Checkbox, Menu } from '@mantine/core';
import { IconColumns } from '@tabler/icons-react';
import { useShallow } from 'zustand/react/shallow';
import { useT } from '../../app/i18n/index.js';
import { useUi } from '../../state/ui-slice.js';
import { OPTIONAL_COLUMNS } from './saved-views.js';

export function ColumnsMenu() {
  const t = useT();
  const { hidden, toggle } = useUi(useShallow((s) => ({ hidden: s.hiddenColumns, toggle: s.toggleColumn })));
  return (
    <Menu closeOnItemClick={false} position="bottom-end" withinPortal>
      <Menu.Target>
        <Button size="xs" variant="default" leftSection={<IconColumns size={14} />} data-testid="columns-menu">
          {t('vm.columns')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {OPTIONAL_COLUMNS.map((c) => (
          <Menu.Item key={c} onClick={() => toggle(c)} data-testid={`column-toggle-${c}`}>
            <Checkbox size="xs" readOnly checked={!hidden.includes(c)} label={t(`vm.col.${c}`)} style={{ pointerEvents: 'none' }} />
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
