// A WebSocket-like byte channel over either a MessagePort (Electron) or a WebSocket (web API), with the same
// acknowledgement-based flow control as the other end (electron/webapi/console-pump.ts). noVNC's RFB accepts it
// as its `urlOrChannel` argument; xterm writes what onmessage delivers.
import { CONSOLE_WINDOW_BYTES, type ConsoleControl } from '../../shared/ipc/consoles.js';
import type { ErrorReport } from '../../shared/model/errors.js';
import type { ConsoleChannel } from '../state/backend.js';

/** The raw link under a channel; created once the console is open. */
export interface ChannelTransport {
  sendData(bytes: Uint8Array): void;
  sendControl(control: ConsoleControl): void;
  close(): void;
}

const CONNECTING = 0;
const OPEN = 1;
const CLOSING = 2;
const CLOSED = 3;

function toBytes(data: ArrayBuffer | Uint8Array | string): Uint8Array {
  // Always a copy: noVNC reuses its send buffer right after send() returns.
  if (typeof data === 'string') return new TextEncoder().encode(data);
  return data instanceof Uint8Array ? data.slice() : new Uint8Array(data.slice(0));
}

export class FlowChannel implements ConsoleChannel {
  binaryType = 'arraybuffer';
  onopen: ((ev: Event) => void) | null = null;
  onmessage: ((ev: MessageEvent) => void) | null = null;
  onclose: ((ev: CloseEvent) => void) | null = null;
  onerror: ((ev: Event) => void) | null = null;
  private state = CONNECTING;
  private transport: ChannelTransport | null = null;
  private unacked = 0;
  private readonly queue: Uint8Array[] = [];
  private queuedBytes = 0;

  constructor(private readonly window = CONSOLE_WINDOW_BYTES) {}

  get protocol(): string {
    return '';
  }

  get readyState(): number {
    return this.state;
  }

  /** Bytes accepted by send() and not yet handed to the transport (as WebSocket.bufferedAmount). */
  get bufferedAmount(): number {
    return this.queuedBytes;
  }

  send(data: ArrayBuffer | Uint8Array | string): void {
    if (this.state !== OPEN) throw new Error('console channel is not open');
    const bytes = toBytes(data);
    this.queue.push(bytes);
    this.queuedBytes += bytes.length;
    this.flush();
  }

  close(): void {
    if (this.state === CLOSING || this.state === CLOSED) return;
    this.transport?.sendControl({ type: 'close' });
    this.finish(1000, '', true);
  }

  resize(cols: number, rows: number): void {
    if (this.state === OPEN) this.transport?.sendControl({ type: 'resize', cols, rows });
  }

  // ---- called by the client that opened the console ----

  attach(transport: ChannelTransport): void {
    if (this.state !== CONNECTING) {
      transport.close();
      return;
    }
    this.transport = transport;
    this.state = OPEN;
    this.onopen?.(new Event('open'));
  }

  receiveData(data: ArrayBuffer): void {
    if (this.state !== OPEN) return;
    this.onmessage?.(new MessageEvent('message', { data }));
    // The handler has consumed the bytes (noVNC and xterm copy synchronously): let the sender go on.
    this.transport?.sendControl({ type: 'ack', bytes: data.byteLength });
  }

  receiveControl(control: ConsoleControl): void {
    if (this.state !== OPEN) return;
    if (control.type === 'ack') {
      this.unacked = Math.max(0, this.unacked - control.bytes);
      this.flush();
    } else if (control.type === 'close') {
      if (control.error) this.onerror?.(new Event('error'));
      this.finish(control.error ? 1011 : 1000, control.error ? JSON.stringify(control.error) : '', !control.error);
    }
  }

  /** The open failed or the link dropped; the close event's reason is the report as JSON (app/errors.ts words it). */
  fail(reason: ErrorReport): void {
    if (this.state === CLOSED) return;
    this.onerror?.(new Event('error'));
    this.finish(1006, JSON.stringify(reason), false);
  }

  private flush(): void {
    while (this.transport && this.queue.length > 0 && this.unacked <= this.window) {
      const bytes = this.queue.shift()!;
      this.queuedBytes -= bytes.length;
      this.unacked += bytes.length;
      this.transport.sendData(bytes);
    }
  }

  private finish(code: number, reason: string, wasClean: boolean): void {
    this.state = CLOSED;
    this.queue.length = 0;
    this.queuedBytes = 0;
    const transport = this.transport;
    this.transport = null;
    transport?.close();
    this.onclose?.(new CloseEvent('close', { code, reason, wasClean }));
  }
}
