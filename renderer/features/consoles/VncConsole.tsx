// Graphical console: noVNC's RFB over a console byte channel (no TCP listener, no URL), with scaling, key combos,
// screenshots, the clipboard (ConsoleClipboard), text paste as key presses and reconnect.
import { Button, Group, Modal, Stack, Switch, Text, Textarea } from '@mantine/core';
import { IconClipboardText } from '@tabler/icons-react';
import type RFB from '@novnc/novnc';
import { useEffect, useRef, useState } from 'react';
import { useT } from '../../app/i18n/index.js';
import { openConsoleChannel, openSupportChannel } from '../../state/consoles.js';
import { ConsoleClipboard } from './ConsoleClipboard.js';
import { ConsoleBar, type ConnState } from './ConsoleStatus.js';
import { KeysMenu } from './KeysMenu.js';
import { textKeysyms } from './keysyms.js';
import { ScreenshotButton } from './ScreenshotButton.js';
import { VncPasswordPrompt } from './VncPasswordPrompt.js';

function sendCombo(rfb: RFB, keys: readonly number[]): void {
  for (const k of keys) rfb.sendKey(k, null, true);
  for (const k of [...keys].reverse()) rfb.sendKey(k, null, false);
}

/** Support mode: the console through a support session, answered with the grant's VNC password; view-only sends no input. */
export interface SupportVnc {
  session: string;
  password: string;
  viewOnly: boolean;
}

export function VncConsole({ vmKey, title, support }: { vmKey: string; title: string; support?: SupportVnc }) {
  const t = useT();
  const screenRef = useRef<HTMLDivElement>(null);
  const rfbRef = useRef<RFB | null>(null);
  const [state, setState] = useState<ConnState>('connecting');
  const [reason, setReason] = useState<string | null>(null);
  const [scale, setScale] = useState(true);
  const [generation, setGeneration] = useState(0);
  const [pasteOpen, setPasteOpen] = useState(false);
  const [pasteText, setPasteText] = useState('');
  const [askPassword, setAskPassword] = useState(false);
  const viewOnly = support?.viewOnly ?? false;

  useEffect(() => {
    let cancelled = false;
    let rfb: RFB | null = null;
    setState('connecting');
    setReason(null);
    // noVNC is loaded on first use: it is large and uses top-level await.
    void import('@novnc/novnc')
      .then(({ default: Rfb }) => {
        if (cancelled) return;
        const channel = support ? openSupportChannel('vnc', support.session) : openConsoleChannel('vnc', vmKey);
        rfb = new Rfb(screenRef.current as HTMLDivElement, channel, { shared: true, ...(support ? { credentials: { password: support.password } } : {}) });
        rfb.viewOnly = viewOnly;
        rfb.scaleViewport = scale;
        rfb.background = '#0f1117';
        rfb.addEventListener('connect', () => setState('connected'));
        rfb.addEventListener('disconnect', (ev) => {
          setState('disconnected');
          const clean = (ev as CustomEvent<{ clean: boolean }>).detail?.clean;
          setReason(clean ? null : t('console.disconnected'));
          rfbRef.current = null;
        });
        rfb.addEventListener('credentialsrequired', () => setAskPassword(true));
        rfb.addEventListener('securityfailure', (ev) => {
          setReason((ev as CustomEvent<{ reason?: string }>).detail?.reason ?? null);
        });
        rfbRef.current = rfb;
      })
      .catch((e: unknown) => {
        setState('disconnected');
        setReason(e instanceof Error ? e.message : String(e));
      });
    return () => {
      cancelled = true;
      if (rfb && rfbRef.current === rfb) {
        rfbRef.current = null;
        rfb.disconnect();
      }
    };
    // Scale is applied live below; language changes must not reconnect.
  }, [vmKey, generation]);

  useEffect(() => {
    if (rfbRef.current) rfbRef.current.scaleViewport = scale;
  }, [scale, state]);

  const connected = state === 'connected';
  return (
    <div style={{ display: 'flex', flexDirection: 'column', height: '100%' }} data-testid="console-vnc">
      <ConsoleBar title={title} state={state} reason={reason} onReconnect={() => setGeneration((g) => g + 1)}>
        <Switch size="xs" label={t('console.scale')} checked={scale} onChange={(e) => setScale(e.currentTarget.checked)} data-testid="vnc-scale" />
        {/* View-only sends no input (noVNC drops it): its key, paste and clipboard-send controls are not shown. */}
        {!viewOnly && (
          <>
            <Button size="xs" variant="default" disabled={!connected} onClick={() => rfbRef.current?.sendCtrlAltDel()} data-testid="vnc-cad">
              {t('console.ctrlAltDel')}
            </Button>
            <KeysMenu rfb={rfbRef} disabled={!connected} />
          </>
        )}
        {/* Screenshots go through libvirt: the admin's, not support mode's (its grant reaches the VNC port only); the
            clipboard is VNC's own cut text, so support mode has it where the VM has the channel. */}
        {!support && <ScreenshotButton vmKey={vmKey} disabled={!connected} />}
        <ConsoleClipboard vmKey={vmKey} rfb={connected ? rfbRef.current : null} support={!!support} viewOnly={viewOnly} />
        {!viewOnly && (
          <Button size="xs" variant="default" leftSection={<IconClipboardText size={14} />} disabled={!connected} onClick={() => setPasteOpen(true)} data-testid="vnc-paste">
            {t('console.paste')}
          </Button>
        )}
      </ConsoleBar>
      <div ref={screenRef} style={{ flex: 1, minHeight: 0, background: '#0f1117' }} data-testid="vnc-screen" />
      <VncPasswordPrompt
        opened={askPassword}
        onAnswer={(password) => {
          setAskPassword(false);
          rfbRef.current?.sendCredentials({ password });
        }}
        onCancel={() => {
          setAskPassword(false);
          rfbRef.current?.disconnect();
        }}
      />
      <Modal opened={pasteOpen} onClose={() => setPasteOpen(false)} title={t('console.paste')} centered>
        <Stack gap="sm">
          <Text size="xs" c="dimmed">
            {t('console.pasteHint')}
          </Text>
          <Textarea autosize minRows={4} value={pasteText} onChange={(e) => setPasteText(e.currentTarget.value)} data-autofocus />
          <Group justify="flex-end">
            <Button
              disabled={!pasteText}
              onClick={() => {
                const rfb = rfbRef.current;
                if (rfb) for (const k of textKeysyms(pasteText)) sendCombo(rfb, [k]);
                setPasteOpen(false);
                setPasteText('');
              }}
            >
              {t('console.pasteSend')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </div>
  );
}
