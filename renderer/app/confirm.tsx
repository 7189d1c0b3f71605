// Promise-based confirmation dialog: `const [dialog, confirm] = useConfirm(); if (await confirm({...})) ...`.
import { Modal, Text } from '@mantine/core';
import { useCallback, useRef, useState, type ReactNode } from 'react';
import { DialogFooter } from './DialogFooter.js';
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
      <DialogFooter
        onCancel={() => finish(false)}
        cancelTestId="confirm-cancel"
        submitLabel={opts?.confirmLabel ?? ''}
        submitTestId="confirm-ok"
        onSubmit={() => finish(true)}
        color={opts?.danger ? 'red' : undefined}
        mt="lg"
      />
    </Modal>
  );
  return [dialog, ask];
}
