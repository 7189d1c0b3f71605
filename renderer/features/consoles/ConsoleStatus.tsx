import { Badge, Button, Group, Text } from '@mantine/core';
import { IconPlugConnected } from '@tabler/icons-react';
import { useEffect, useRef, type ReactNode } from 'react';
import { useT } from '../../app/i18n/index.js';
import { DetachButton } from './DetachButton.js';

export type ConnState = 'connecting' | 'connected' | 'disconnected';

const COLOR: Readonly<Record<ConnState, string>> = { connecting: 'yellow', connected: 'teal', disconnected: 'gray' };

/** The bar above a console: title, connection state and reason, reconnect, and console-specific tools. */
export function ConsoleBar(props: { title: string; state: ConnState; reason: string | null; onReconnect: () => void; children?: ReactNode }) {
  const t = useT();
  // How many times this console connected (a reconnect counts): tests see a session that survived a tab switch.
  const connects = useRef(0);
  const barRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (props.state === 'connected') barRef.current?.setAttribute('data-connects', String(++connects.current));
  }, [props.state]);
  return (
    <Group ref={barRef} justify="space-between" px="sm" py={6} style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }} data-testid="console-bar" data-connects={0}>
      <Group gap="sm">
        <Text size="sm" fw={600}>
          {props.title}
        </Text>
        <Badge color={COLOR[props.state]} variant="dot" data-testid="console-state" data-conn={props.state}>
          {t(`console.${props.state}`)}
        </Badge>
        {props.reason && (
          <Text size="xs" c="dimmed">
            {props.reason}
          </Text>
        )}
      </Group>
      <Group gap="xs">
        {props.children}
        <Button
          size="xs"
          variant="default"
          leftSection={<IconPlugConnected size={14} />}
          disabled={props.state === 'connecting'}
          onClick={props.onReconnect}
          data-testid="console-reconnect"
        >
          {t('console.reconnect')}
        </Button>
        <DetachButton />
      </Group>
    </Group>
  );
}
