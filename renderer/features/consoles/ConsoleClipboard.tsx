// The graphical console's clipboard, both ways, through noVNC: QEMU's VNC server hands cut text to the VM's
// qemu-vdagent channel and spice-vdagent in the guest puts it on the guest's clipboard (and back). What the guest
// copies arrives as RFB 'clipboard' events: shown here and written to this computer's clipboard. What is sent goes
// with rfb.clipboardPasteFrom. Without the channel the toolbar says so and offers to add it in one click.
import { Alert, Badge, Button, Group, Popover, Stack, Text, Textarea } from '@mantine/core';
import { IconClipboard } from '@tabler/icons-react';
import type RFB from '@novnc/novnc';
import { useEffect, useState } from 'react';
import { waitsForRestart, type HwChangeResult } from '../../../shared/model/hardware.js';
import { useT } from '../../app/i18n/index.js';
import { withToast } from '../../app/notify.js';
import { hardwareKey, useHardware } from '../../state/hardware-slice.js';
import { refOf, useVms } from '../../state/vms-slice.js';

/** What the guest copied last, received from an RFB session (null until it copies something). */
function useGuestClipboard(rfb: RFB | null): string | null {
  const [text, setText] = useState<string | null>(null);
  useEffect(() => {
    if (!rfb) return;
    const onClipboard = (ev: Event) => {
      const got = (ev as CustomEvent<{ text: string }>).detail.text;
      setText(got);
      // Best effort: the browser may refuse without focus; the text stays in the panel with a Copy button.
      void navigator.clipboard?.writeText(got).catch(() => undefined);
    };
    rfb.addEventListener('clipboard', onClipboard);
    return () => rfb.removeEventListener('clipboard', onClipboard);
  }, [rfb]);
  return text;
}

/**
 * Toolbar button of the VNC console: clipboard channel present or not, what the guest copied, text to send.
 * In support mode (`support`) the VM's hardware is out of reach (a grant opens the console, not libvirt): the panel
 * offers the exchange at once and says it works where the admin gave the VM the clipboard channel. View-only
 * (`viewOnly`) receives what the guest copies and sends nothing.
 */
export function ConsoleClipboard({ vmKey, rfb, support = false, viewOnly = false }: { vmKey: string; rfb: RFB | null; support?: boolean; viewOnly?: boolean }) {
  const t = useT();
  const vm = useVms((s) => (support ? undefined : s.byKey[vmKey]));
  const ref = vm ? refOf(vm) : null;
  const view = useHardware((s) => (ref ? s.views[hardwareKey(ref)] : undefined));
  const load = useHardware((s) => s.load);
  const change = useHardware((s) => s.change);
  const fromGuest = useGuestClipboard(rfb);
  const [toGuest, setToGuest] = useState('');
  const [sent, setSent] = useState(false);
  const [added, setAdded] = useState<HwChangeResult | null>(null);
  const [readFailed, setReadFailed] = useState(false);

  useEffect(() => {
    if (ref) void load(ref).catch(() => undefined);
  }, [ref?.host, ref?.vm]);

  // The running definition decides (a channel only in the config waits for a restart).
  const shared = support ? true : view ? (view.live ?? view.config).clipboard : null;

  const send = (text: string) => {
    if (!rfb || !text) return;
    rfb.clipboardPasteFrom(text);
    setSent(true);
  };
  const takeMine = async () => {
    try {
      const text = await navigator.clipboard.readText();
      setToGuest(text);
      setReadFailed(false);
      send(text);
    } catch {
      setReadFailed(true);
    }
  };
  const addChannel = async () => {
    if (!ref) return;
    const r = await withToast(t('hw.failed'), () => change('vms.setDevices', { ref, clipboard: true }));
    if (r) setAdded(r);
  };

  return (
    <Popover position="bottom-end" width={380} shadow="md" withinPortal={false}>
      <Popover.Target>
        <Button
          size="xs"
          variant="default"
          leftSection={<IconClipboard size={14} />}
          rightSection={<Badge size="xs" circle color={shared && !support ? 'teal' : 'gray'} variant="filled"> </Badge>}
          data-testid="vnc-clipboard"
          data-channel={support || shared === null ? 'unknown' : shared ? 'yes' : 'no'}
        >
          {t('console.clipboard')}
        </Button>
      </Popover.Target>
      <Popover.Dropdown data-testid="vnc-clipboard-panel">
        {shared === false && (
          <Stack gap="xs">
            <Text size="sm" fw={600}>{t('console.clipboardNone')}</Text>
            <Text size="xs" c="dimmed">{t('console.clipboardNoneHint')}</Text>
            {added && waitsForRestart(added).includes('clipboard') ? (
              <Alert color="yellow" p="xs" data-testid="vnc-clipboard-restart">
                <Text size="xs">{t('console.clipboardRestart')}</Text>
              </Alert>
            ) : (
              <Button size="xs" disabled={!ref} onClick={() => void addChannel()} data-testid="vnc-clipboard-add">
                {t('console.clipboardAdd')}
              </Button>
            )}
          </Stack>
        )}
        {shared === true && (
          <Stack gap="xs">
            <Text size="xs" c={support ? 'dimmed' : 'teal.7'} data-testid="vnc-clipboard-shared">
              {t(support ? 'console.clipboardSupport' : added ? 'console.clipboardAdded' : 'console.clipboardShared')}
            </Text>
            <Text size="sm" fw={600}>{t('console.clipboardFromGuest')}</Text>
            <Group gap="xs" wrap="nowrap" align="flex-start">
              <Text size="xs" style={{ flex: 1, whiteSpace: 'pre-wrap', wordBreak: 'break-all', maxHeight: 120, overflow: 'auto' }}
                c={fromGuest === null ? 'dimmed' : undefined} data-testid="vnc-clipboard-from-guest">
                {fromGuest ?? t('console.clipboardNothing')}
              </Text>
              <Button size="compact-xs" variant="default" disabled={fromGuest === null}
                onClick={() => fromGuest !== null && void navigator.clipboard.writeText(fromGuest).catch(() => undefined)}
                data-testid="vnc-clipboard-copy">
                {t('console.clipboardCopy')}
              </Button>
            </Group>
            {/* View-only: what the guest copies still arrives; nothing is sent to it. */}
            {!viewOnly && (
              <>
                <Text size="sm" fw={600}>{t('console.clipboardToGuest')}</Text>
                <Textarea size="xs" autosize minRows={2} maxRows={6} value={toGuest} placeholder={t('console.clipboardToGuestHint')}
                  onChange={(e) => { setToGuest(e.currentTarget.value); setSent(false); }} data-testid="vnc-clipboard-text" />
                {readFailed && <Text size="xs" c="red.7">{t('console.clipboardReadFailed')}</Text>}
                <Group gap="xs" justify="space-between">
                  <Text size="xs" c="teal.7">{sent ? t('console.clipboardSent') : ''}</Text>
                  <Group gap="xs">
                    <Button size="xs" variant="default" disabled={!rfb} onClick={() => void takeMine()} data-testid="vnc-clipboard-mine">
                      {t('console.clipboardFromMine')}
                    </Button>
                    <Button size="xs" disabled={!rfb || !toGuest} onClick={() => send(toGuest)} data-testid="vnc-clipboard-send">
                      {t('console.clipboardSend')}
                    </Button>
                  </Group>
                </Group>
              </>
            )}
          </Stack>
        )}
        {shared === null && <Text size="xs" c="dimmed">{t('console.connecting')}</Text>}
      </Popover.Dropdown>
    </Popover>
  );
}
