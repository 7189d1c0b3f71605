// Support mode: the one VM a grant opens, nothing else of its host — its granted consoles (VNC and/or serial), who
// it is for, when the grant ends (the host refuses the key after that), and what view-only means.
import { Alert, Badge, Group, Stack, Tabs, Text } from '@mantine/core';
import { IconClock, IconDeviceDesktop, IconEye, IconKeyboard, IconTerminal } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { SupportSession } from '../../../shared/ipc/grant-schemas.js';
import { formatDateTime, relativeTime } from '../../app/format.js';
import { useLanguage, useT } from '../../app/i18n/index.js';
import { TerminalConsole } from '../consoles/TerminalConsole.js';
import { VncConsole } from '../consoles/VncConsole.js';

/** Now, again every 15 s: the banner says "ended" once the window has passed. */
function useNow(): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

export function SupportView({ session }: { session: SupportSession }) {
  const t = useT();
  const lang = useLanguage();
  const now = useNow();
  const ended = Date.parse(session.until) <= now;
  const at = formatDateTime(lang, session.until);
  const title = (kind: 'vnc' | 'serial') => `${session.vm.name} — ${t(kind === 'vnc' ? 'console.vnc' : 'console.serial')}`;
  const vnc = session.vnc && <VncConsole vmKey={session.id} title={title('vnc')} support={{ session: session.id, password: session.vnc.password, viewOnly: session.viewOnly }} />;
  const serial = session.serial && <TerminalConsole kind="serial" vmKey={session.id} title={title('serial')} support={{ session: session.id, viewOnly: session.viewOnly }} />;
  return (
    <Stack gap={0} h="100%" data-testid="support-view" data-vm={session.vm.name}>
      <Alert color={ended ? 'red' : session.viewOnly ? 'blue' : 'orange'} radius={0} data-testid="support-banner">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Stack gap={4}>
            <Group gap="xs">
              <Text fw={700} data-testid="support-vm">
                {t('support.vm', { vm: session.vm.name, host: session.host })}
              </Text>
              <Badge variant="light" color="gray">
                {t('support.for', { for: session.for })}
              </Badge>
            </Group>
            <Group gap={6} wrap="nowrap">
              <IconClock size={16} />
              <Text size="sm" data-testid="support-ends" data-ended={ended}>
                {ended ? t('support.ended', { at }) : t('support.ends', { at, rel: relativeTime(lang, session.until, now) })}
              </Text>
            </Group>
            <Group gap={6} wrap="nowrap">
              {session.viewOnly ? <IconEye size={16} /> : <IconKeyboard size={16} />}
              <Text size="sm" data-testid="support-mode" data-view-only={session.viewOnly}>
                {session.viewOnly ? t('support.viewOnly') : t('support.interactive')}
              </Text>
            </Group>
          </Stack>
        </Group>
      </Alert>
      <div style={{ flex: 1, minHeight: 0 }}>
        {vnc && serial ? (
          <Tabs defaultValue="vnc" keepMounted style={{ height: '100%', display: 'flex', flexDirection: 'column' }}>
            <Tabs.List>
              <Tabs.Tab value="vnc" leftSection={<IconDeviceDesktop size={14} />} data-testid="support-tab-vnc">
                {t('console.vnc')}
              </Tabs.Tab>
              <Tabs.Tab value="serial" leftSection={<IconTerminal size={14} />} data-testid="support-tab-serial">
                {t('console.serial')}
              </Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="vnc" style={{ flex: 1, minHeight: 0 }}>
              {vnc}
            </Tabs.Panel>
            <Tabs.Panel value="serial" style={{ flex: 1, minHeight: 0 }}>
              {serial}
            </Tabs.Panel>
          </Tabs>
        ) : (
          vnc || serial
        )}
      </div>
    </Stack>
  );
}
