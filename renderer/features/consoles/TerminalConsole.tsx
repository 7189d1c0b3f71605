// Serial console or guest SSH shell in xterm.js, over a console byte channel. The terminal lives as long as the
// tab; reconnect opens a new channel into the same terminal.
import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import { useEffect, useRef, useState } from 'react';
import { useT } from '../../app/i18n/index.js';
import { closeReasonText } from '../../app/errors.js';
import type { ConsoleChannel } from '../../state/backend.js';
import { openConsoleChannel, openSupportChannel } from '../../state/consoles.js';
import { ConsoleBar, type ConnState } from './ConsoleStatus.js';

/** support: a support session's serial console (vmKey is then the session); viewOnly: keystrokes are not sent. */
export function TerminalConsole(props: { kind: 'serial' | 'ssh'; vmKey: string; user?: string; ip?: string; title: string; support?: { session: string; viewOnly: boolean } }) {
  const { kind, vmKey, user, ip, title, support } = props;
  const t = useT();
  const rootRef = useRef<HTMLDivElement>(null);
  const hostRef = useRef<HTMLDivElement>(null);
  // Bytes received over all (re)connects, shown as a data attribute (no re-render per chunk).
  const rxRef = useRef(0);
  const termRef = useRef<Terminal | null>(null);
  const fitRef = useRef<FitAddon | null>(null);
  const chanRef = useRef<ConsoleChannel | null>(null);
  const [state, setState] = useState<ConnState>('connecting');
  const [reason, setReason] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);

  // The terminal itself.
  useEffect(() => {
    const term = new Terminal({
      fontFamily: '"JetBrains Mono", "DejaVu Sans Mono", Menlo, Consolas, monospace',
      fontSize: 13,
      cursorBlink: true,
      scrollback: 5000,
      disableStdin: support?.viewOnly ?? false,
      theme: { background: '#0f1117', foreground: '#d7dae0' },
    });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.open(hostRef.current as HTMLDivElement);
    termRef.current = term;
    fitRef.current = fit;
    const dataSub = term.onData((d) => {
      const ch = chanRef.current;
      if (ch && ch.readyState === 1) ch.send(d);
    });
    const resizeSub = term.onResize(({ cols, rows }) => chanRef.current?.resize?.(cols, rows));
    // Hidden tabs have no size: fit whenever the element gets one.
    const ro = new ResizeObserver(() => {
      if (hostRef.current && hostRef.current.offsetWidth > 0) fit.fit();
    });
    ro.observe(hostRef.current as HTMLDivElement);
    return () => {
      ro.disconnect();
      dataSub.dispose();
      resizeSub.dispose();
      term.dispose();
      termRef.current = null;
    };
  }, []);

  // One channel per (re)connect.
  useEffect(() => {
    const term = termRef.current as Terminal;
    setState('connecting');
    setReason(null);
    let ch: ConsoleChannel;
    try {
      ch = support
        ? openSupportChannel('serial', support.session)
        : openConsoleChannel(kind, vmKey, kind === 'ssh' ? { user: user ?? 'root', cols: term.cols, rows: term.rows, ...(ip ? { ip } : {}) } : undefined);
    } catch (e) {
      setState('disconnected');
      setReason(e instanceof Error ? e.message : String(e));
      return;
    }
    chanRef.current = ch;
    ch.binaryType = 'arraybuffer';
    ch.onopen = () => {
      setState('connected');
      ch.resize?.(term.cols, term.rows);
      term.focus();
    };
    ch.onmessage = (ev) => {
      const d: unknown = ev.data;
      const bytes = typeof d === 'string' ? d : new Uint8Array(d as ArrayBuffer);
      term.write(bytes);
      rxRef.current += bytes.length;
      rootRef.current?.setAttribute('data-rx-bytes', String(rxRef.current));
    };
    ch.onclose = (ev) => {
      setState('disconnected');
      setReason(ev.reason ? closeReasonText(t, ev.reason) : null);
      term.write(`\r\n\x1b[2m— ${t('console.disconnected')} —\x1b[0m\r\n`);
    };
    ch.onerror = () => undefined;
    return () => {
      ch.onclose = null;
      ch.close();
      if (chanRef.current === ch) chanRef.current = null;
    };
    // `t` only labels the closing line; a language switch must not reconnect.
  }, [kind, vmKey, user, generation]);

  return (
    <div ref={rootRef} style={{ display: 'flex', flexDirection: 'column', height: '100%' }} data-testid={`console-${kind}`} data-rx-bytes={0}>
      <ConsoleBar title={title} state={state} reason={reason} onReconnect={() => setGeneration((g) => g + 1)} />
      <div style={{ flex: 1, minHeight: 0, background: '#0f1117', padding: 6 }}>
        <div ref={hostRef} style={{ width: '100%', height: '100%' }} data-testid="terminal" />
      </div>
    </div>
  );
}
