// Promise-based confirmation dialog: `const [dialog, confirm] = useConfirm(); if (await confirm({...})) ...`.
import { Button, Group, Modal, Text } from '@mantine/core';
import { useCallback, useRef, useState, type ReactNode } from 'react';
import { useT } from './i18n/index.js';

export interface ConfirmOptions {
  title?: string;
  body: ReactNode;
  confirmLabel: string;
  danger?: boolean;
}

export function useConfirm(): [ReactNode, (o: ConfirmOptions) => Promise<boolean>] {
  const t = useT();
  const [opts, setOpts] = useState<ConfirmOptions | null>(null);
  const resolver = useRef<((ok: boolean) => void) | null>(null);

  const ask = useCallback((o: ConfirmOptions) => {
    resolver.current?.(false);
    setOpts(o);
    return new Promise<boolean>((resolve) => {
      resolver.current = resolve;
    });
  }, []);

  const finish = (ok: boolean) => {
    resolver.current?.(ok);
    resolver.current = null;
    setOpts(null);
  };

  const dialog = (
    <Modal opened={opts !== null} onClose={() => finish(false)} title={opts?.title ?? t('action.confirm.title')} centered>
      <Text size="sm">{opts?.body}</Text>
      <Group justify="flex-end" mt="lg">
        <Button variant="default" onClick={() => finish(false)} data-testid="confirm-cancel">
          {t('app.cancel')}
        </Button>
        <Button color={opts?.danger ? 'red' : undefined} onClick={() => finish(true)} data-testid="confirm-ok">
          {opts?.confirmLabel}
        </Button>
      </Group>
    </Modal>
  );
  return [dialog, ask];
}
