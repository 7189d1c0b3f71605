// Saves the guest's screen as a PNG file (taken by the core through libvirt, at the guest's own resolution).
import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCamera } from '@tabler/icons-react';
import { useState } from 'react';
import { useT } from '../../app/i18n/index.js';
import { withToast } from '../../app/notify.js';
import { saveScreenshot } from '../../state/consoles.js';

export function ScreenshotButton({ vmKey, disabled }: { vmKey: string; disabled: boolean }) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [last, setLast] = useState<string | null>(null);
  const take = async () => {
    setBusy(true);
    const size = await withToast(t('console.screenshotFailed'), () => saveScreenshot(vmKey));
    setBusy(false);
    if (!size) return;
    setLast(`${size.width}x${size.height}`);
    notifications.show({ message: t('console.screenshotSaved', size), color: 'teal', autoClose: 3000 });
  };
  return (
    <Button
      size="xs"
      variant="default"
      leftSection={<IconCamera size={14} />}
      disabled={disabled}
      loading={busy}
      onClick={() => void take()}
      data-testid="vnc-screenshot"
      data-last-size={last ?? undefined}
    >
      {t('console.screenshot')}
    </Button>
  );
}
