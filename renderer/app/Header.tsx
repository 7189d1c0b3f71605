// Top bar: product name, language and theme switches, task panel toggle, Open grant…; in support mode its badge and
// the way out instead of the tasks.
import { ActionIcon, Badge, Button, Group, Indicator, Menu, Text, Tooltip } from '@mantine/core';
import { IconCheck, IconDeviceLaptop, IconDoorExit, IconFileCertificate, IconLanguage, IconListCheck, IconMoon, IconStack2, IconSun } from '@tabler/icons-react';
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { OpenGrantDialog } from '../features/grants/OpenGrantDialog.js';
import { useRunningTaskCount } from '../features/tasks/TaskPanel.js';
import { useGrants } from '../state/grants-slice.js';
import { useUi, type ThemeChoice } from '../state/ui-slice.js';
import { LANGUAGES, useT } from './i18n/index.js';

const THEME_ICONS = { auto: IconDeviceLaptop, light: IconSun, dark: IconMoon } as const;

export function Header({ support = false }: { support?: boolean }) {
  const t = useT();
  const [opening, setOpening] = useState(false);
  const closeSupport = useGrants((s) => s.closeSupport);
  const { language, setLanguage, theme, setTheme, taskPanelOpen, setTaskPanelOpen } = useUi(
    useShallow((s) => ({
      language: s.language,
      setLanguage: s.setLanguage,
      theme: s.theme,
      setTheme: s.setTheme,
      taskPanelOpen: s.taskPanelOpen,
      setTaskPanelOpen: s.setTaskPanelOpen,
    })),
  );
  const running = useRunningTaskCount();
  const ThemeIcon = THEME_ICONS[theme];
  return (
    <Group h="100%" px="md" justify="space-between">
      <Group gap={8}>
        <IconStack2 size={22} color="var(--mantine-color-indigo-6)" />
        <Text fw={700} size="lg">
          {t('app.title')}
        </Text>
        {support && (
          <Badge color="orange" variant="light" data-testid="support-badge">
            {t('support.title')}
          </Badge>
        )}
      </Group>
      <Group gap="xs">
        {support ? (
          <Button variant="light" color="orange" size="xs" leftSection={<IconDoorExit size={16} />} onClick={() => void closeSupport()} data-testid="support-leave">
            {t('support.leave')}
          </Button>
        ) : (
          <Button variant="subtle" color="gray" size="xs" leftSection={<IconFileCertificate size={16} />} onClick={() => setOpening(true)} data-testid="open-grant">
            {t('support.open')}
          </Button>
        )}
        <Menu position="bottom-end">
          <Menu.Target>
            <Button variant="subtle" color="gray" size="xs" leftSection={<IconLanguage size={16} />} data-testid="language-menu">
              {LANGUAGES.find((l) => l.value === language)?.label}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Label>{t('app.language')}</Menu.Label>
            {LANGUAGES.map((l) => (
              <Menu.Item
                key={l.value}
                onClick={() => setLanguage(l.value)}
                rightSection={l.value === language ? <IconCheck size={14} /> : null}
                data-testid={`language-${l.value}`}
              >
                {l.label}
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
        <Menu position="bottom-end">
          <Menu.Target>
            <Tooltip label={t('app.theme')}>
              <ActionIcon variant="subtle" color="gray" size="lg" aria-label={t('app.theme')} data-testid="theme-menu">
                <ThemeIcon size={18} />
              </ActionIcon>
            </Tooltip>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Label>{t('app.theme')}</Menu.Label>
            {(['auto', 'light', 'dark'] as const satisfies readonly ThemeChoice[]).map((choice) => {
              const Icon = THEME_ICONS[choice];
              return (
                <Menu.Item
                  key={choice}
                  leftSection={<Icon size={16} />}
                  rightSection={choice === theme ? <IconCheck size={14} /> : null}
                  onClick={() => setTheme(choice)}
                >
                  {t(`app.theme.${choice}`)}
                </Menu.Item>
              );
            })}
          </Menu.Dropdown>
        </Menu>
        {!support && (
          <Indicator disabled={running === 0} label={running} size={16} color="blue" title={t('task.running', { count: running })}>
            <Button
              variant={taskPanelOpen ? 'light' : 'subtle'}
              color="gray"
              size="xs"
              leftSection={<IconListCheck size={16} />}
              onClick={() => setTaskPanelOpen(!taskPanelOpen)}
              data-testid="tasks-toggle"
            >
              {t('app.tasks')}
            </Button>
          </Indicator>
        )}
      </Group>
      {opening && <OpenGrantDialog onClose={() => setOpening(false)} />}
    </Group>
  );
}
