// Send keys the local keyboard cannot send to a guest (the desktop takes them first): grouped combos, pressed through
// noVNC with scancodes.
import { Button, Menu } from '@mantine/core';
import { IconKeyboard } from '@tabler/icons-react';
import type RFB from '@novnc/novnc';
import type { RefObject } from 'react';
import { useT } from '../../app/i18n/index.js';
import { comboEvents, KEY_GROUPS, type Key } from './keysyms.js';

function press(rfb: RFB, keys: readonly Key[]): void {
  for (const e of comboEvents(keys)) rfb.sendKey(e.keysym, e.code, e.down);
}

export function KeysMenu({ rfb, disabled }: { rfb: RefObject<RFB | null>; disabled: boolean }) {
  const t = useT();
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button size="xs" variant="default" leftSection={<IconKeyboard size={14} />} disabled={disabled} data-testid="vnc-keys">
          {t('console.keys')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown mah={420} style={{ overflowY: 'auto' }}>
        {KEY_GROUPS.map((g, i) => [
          i > 0 && <Menu.Divider key={`${g.id}-divider`} />,
          <Menu.Label key={`${g.id}-label`}>{t(`console.keyGroup.${g.id}`)}</Menu.Label>,
          ...g.combos.map((c) => (
            <Menu.Item
              key={c.id}
              onClick={() => rfb.current && press(rfb.current, c.keys)}
              rightSection={c.sysrq && <span style={{ fontSize: 11, opacity: 0.7 }}>{t(`console.sysrq.${c.sysrq}`)}</span>}
              data-testid={`vnc-key-${c.id}`}
            >
              {c.label}
            </Menu.Item>
          )),
        ])}
      </Menu.Dropdown>
    </Menu>
  );
}
