// Pumps a core console Duplex through a message-based wire (a MessagePortMain or a WebSocket) with
// acknowledgement-based flow control in both directions.
import type { Duplex } from 'node:stream';
import { CONSOLE_WINDOW_BYTES, consoleControl, type ConsoleControl } from '../../shared/ipc/consoles.js';
import { report, type ErrorReport } from '../../shared/model/errors.js';
import { errorReport } from '../core/errors.js';

/** The transport half the pump talks to; adapters translate it to a concrete port or socket. */
export interface ConsoleWire {
  sendData(bytes: Uint8Array): void;
  sendControl(message: ConsoleControl): void;
  close(): void;
}

export type ConsoleStream = Duplex & { resize?(cols: number, rows: number): void };

/** What the adapter feeds back into the pump from the other side. */
export interface ConsolePeer {
  receiveData(bytes: Uint8Array): void;
  receiveControl(message: unknown): void;
  /** The wire closed under us (window gone, socket dropped). */
  wireClosed(): void;
  /** Bytes sent to the peer and not yet acknowledged (for tests and diagnostics). */
  readonly unacked: number;
}

export function pumpConsole(stream: ConsoleStream, wire: ConsoleWire, window = CONSOLE_WINDOW_BYTES): ConsolePeer {
  let unacked = 0;
  let finished = false;

  const finish = (error?: ErrorReport): void => {
    if (finished) return;
    finished = true;
    wire.sendControl(error === undefined ? { type: 'close' } : { type: 'close', error });
    wire.close();
    stream.destroy();
  };

  stream.on('data', (chunk: Buffer) => {
    if (finished) return;
    unacked += chunk.length;
    wire.sendData(chunk);
    if (unacked > window) stream.pause();
  });
  stream.on('end', () => finish());
  stream.on('close', () => finish());
  stream.on('error', (err) => finish(errorReport(err)));

  return {
    get unacked() {
      return unacked;
    },
    receiveData(bytes) {
      if (finished) return;
      // Acknowledge once the stream has taken the bytes, so the peer's window follows our real consumption.
      stream.write(bytes, (err) => {
        if (!err && !finished) wire.sendControl({ type: 'ack', bytes: bytes.length });
      });
    },
    receiveControl(message) {
      if (finished) return;
      const parsed = consoleControl.safeParse(message);
      if (!parsed.success) return finish(report('call.bad-input', { call: 'console', fields: ['control'], detail: 'malformed console control message', issues: [{ code: 'field.invalid', params: {}, field: 'control' }] }));
      const control = parsed.data;
      switch (control.type) {
        case 'ack':
          unacked = Math.max(0, unacked - control.bytes);
          if (unacked <= window && stream.isPaused()) stream.resume();
          return;
        case 'resize':
          stream.resize?.(control.cols, control.rows);
          return;
        case 'close':
          finished = true;
          wire.close();
          stream.destroy();
          return;
      }
    },
    wireClosed() {
      if (finished) return;
      finished = true;
      stream.destroy();
    },
  };
}
