// A core console Duplex ↔ an Electron MessagePortMain, through the shared flow-controlled pump.
import type { MessagePortMain } from 'electron';
import { pumpConsole, type ConsoleStream } from '../webapi/console-pump.js';

export function pipeConsoleToPort(stream: ConsoleStream, port: MessagePortMain): void {
  const peer = pumpConsole(stream, {
    // A copy: Node buffers can be slices of a shared pool, which structured clone would send whole.
    sendData: (bytes) => port.postMessage(new Uint8Array(bytes)),
    sendControl: (control) => port.postMessage(control),
    close: () => port.close(),
  });
  port.on('message', (e) => {
    if (e.data instanceof Uint8Array) peer.receiveData(e.data);
    else peer.receiveControl(e.data);
  });
  port.on('close', () => peer.wireClosed());
  port.start();
}
