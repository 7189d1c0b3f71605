// The loopback web API: the renderer's API over HTTP + WebSocket on 127.0.0.1, guarded by a random token, so a
// browser (or Playwright) can drive the real core. Same dispatch and envelope as the Electron main process.
import { randomBytes } from 'node:crypto';
import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { CoreApi } from '../core/api.js';
import { WEBAPI_PROTOCOL, type WebApiClientMessage, type WebApiServerMessage, type ConsoleOpened } from '../../shared/ipc/webapi-messages.js';
import type { PromptAnswer } from '../../shared/ipc/front-end.js';
import { refuseUnpickedFiles } from '../../shared/ipc/local-files.js';
import { checkRequest, protocolToken } from './auth.js';
import { openConsoleStream } from './console-open.js';
import { pumpConsole, type ConsoleStream } from './console-pump.js';
import { CONTENT_SECURITY_POLICY } from './csp.js';
import { isPromptAnswer, type PromptRelay } from './prompt-relay.js';
import { resolveStatic } from './static-files.js';
import { createTransferArea } from './transfer.js';

export interface WebApiOptions {
  core: CoreApi;
  /** Directory of the built renderer (index.html and assets). */
  staticDir: string;
  /** Where browser file transfers are staged (electron/webapi/transfer.ts): `<VirtDeck home>/transfer`. */
  stagingRoot: string;
  /** 0 or absent: a random free port. */
  port?: number;
  /** Receives the core's questions (host keys, passphrases) and forwards them to the newest /api client. */
  relay?: PromptRelay;
  /** Window of unacknowledged console bytes (tests use small ones). */
  consoleWindow?: number;
}

export interface WebApi {
  /** http://127.0.0.1:<port>/#token=<token> — open it in a browser (a fragment never leaves the browser). */
  readonly url: string;
  readonly token: string;
  readonly port: number;
  close(): Promise<void>;
}

/** An opened console waits this long for its WebSocket before it is closed. */
const CONSOLE_CLAIM_MS = 10_000;

/** A client that stops reading is dropped once this much waits for it, instead of being buffered without bound. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

function sendRaw(ws: WebSocket, data: string | Uint8Array): void {
  if (ws.readyState !== ws.OPEN) return;
  if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
    ws.terminate();
    return;
  }
  ws.send(data, { binary: typeof data !== 'string' });
}

function send(ws: WebSocket, message: WebApiServerMessage): void {
  sendRaw(ws, JSON.stringify(message));
}

function rawToBuffer(data: RawData): Buffer {
  return Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
}

export async function startWebApi(opts: WebApiOptions): Promise<WebApi> {
  const { core, relay } = opts;
  const staticDir = path.resolve(opts.staticDir);
  const token = randomBytes(32).toString('base64url');
  const pendingConsoles = new Map<string, { stream: ConsoleStream; timer: NodeJS.Timeout }>();
  const apiClients = new Set<WebSocket>();
  let port = 0;
  const transfers = await createTransferArea(opts.stagingRoot);

  const server = createServer((req, res) => {
    serveHttp(req, res).catch(() => {
      // A failed transfer or file read answers 500 (or cuts the response short); it never ends the process.
      if (res.headersSent) res.destroy();
      else res.writeHead(500, { 'content-type': 'text/plain' }).end('internal error\n');
    });
  });
  // The client offers the token as a subprotocol too: answer with the protocol name only, never echo the token.
  const wss = new WebSocketServer({ noServer: true, maxPayload: 16 * 1024 * 1024, handleProtocols: () => WEBAPI_PROTOCOL });

  async function serveHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // File transfers need the token (a download link cannot carry a header: it comes as ?token=); static files not.
    const auth = checkRequest(req, port, token, (target) =>
      target.pathname.startsWith('/transfer/') ? target.searchParams.get('token') : undefined,
    );
    if (!auth.ok) {
      res.writeHead(auth.status, { 'content-type': 'text/plain' }).end(`${auth.reason}\n`);
      return;
    }
    if (await transfers.handle(req, res, auth.target)) return;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const file = await resolveStatic(staticDir, auth.target.pathname);
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    res.writeHead(200, {
      'content-type': file.type,
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // A client may reset the connection while we answer: that is its business, not an uncaught error.
    socket.on('error', () => socket.destroy());
    const auth = checkRequest(req, port, token, () => protocolToken(req));
    if (!auth.ok) {
      socket.end(`HTTP/1.1 ${auth.status} ${STATUS_CODES[auth.status]}\r\nConnection: close\r\n\r\n`);
      return;
    }
    const pathname = auth.target.pathname;
    const consoleMatch = /^\/console\/([A-Za-z0-9_-]{16,64})$/.exec(pathname);
    if (pathname !== '/api' && !consoleMatch) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      // Protocol errors (a frame over maxPayload, invalid UTF-8, ...): ws has already begun closing this socket
      // with the matching code (1009, 1007, 1002); the event only needs a listener so it does not end the process.
      ws.on('error', () => undefined);
      if (consoleMatch) attachConsole(ws, consoleMatch[1]!);
      else attachApi(ws);
    });
  });

  const pendingPrompts = new Map<number, { client: WebSocket; resolve: (a: PromptAnswer) => void }>();
  let promptSeq = 0;

  function updatePromptHandler(): void {
    const newest = [...apiClients].at(-1);
    relay?.setHandler(
      newest
        ? (request) =>
            new Promise<PromptAnswer>((resolve) => {
              const id = ++promptSeq;
              pendingPrompts.set(id, { client: newest, resolve });
              send(newest, { type: 'prompt', id, request });
            })
        : null,
    );
  }

  function attachApi(ws: WebSocket): void {
    apiClients.add(ws);
    updatePromptHandler();
    const unsubscribe = core.onEvent((event) => send(ws, { type: 'event', event }));
    ws.on('message', (data, isBinary) => {
      let message: WebApiClientMessage;
      try {
        if (isBinary) throw new Error('binary');
        message = JSON.parse(rawToBuffer(data).toString('utf8')) as WebApiClientMessage;
      } catch {
        ws.close(1003, 'expected JSON text messages');
        return;
      }
      void handleApiMessage(ws, message);
    });
    ws.on('close', () => {
      unsubscribe();
      apiClients.delete(ws);
      for (const [id, p] of pendingPrompts) {
        if (p.client === ws) {
          pendingPrompts.delete(id);
          p.resolve({ accept: false });
        }
      }
      updatePromptHandler();
    });
  }

  async function handleApiMessage(ws: WebSocket, message: WebApiClientMessage): Promise<void> {
    if (typeof message !== 'object' || message === null || typeof message.id !== 'number') {
      ws.close(1008, 'malformed message');
      return;
    }
    switch (message.type) {
      case 'call': {
        // A browser names local files only through the staging area: nothing else on this machine.
        const refused = refuseUnpickedFiles(String(message.name), message.input, (file) => transfers.isStaged(file.path));
        send(ws, { type: 'result', id: message.id, result: refused ?? (await core.dispatch(message.name, message.input)) });
        return;
      }
      case 'console': {
        const opened = await openConsoleStream(core.consoles, message.request);
        if (!opened.ok) {
          send(ws, { type: 'result', id: message.id, result: opened });
          return;
        }
        const consoleId = randomBytes(24).toString('base64url');
        const timer = setTimeout(() => {
          pendingConsoles.delete(consoleId);
          opened.value.destroy();
        }, CONSOLE_CLAIM_MS);
        pendingConsoles.set(consoleId, { stream: opened.value, timer });
        const value: ConsoleOpened = { consoleId };
        send(ws, { type: 'result', id: message.id, result: { ok: true, value } });
        return;
      }
      case 'prompt-answer': {
        const pending = pendingPrompts.get(message.id);
        if (pending?.client === ws) {
          pendingPrompts.delete(message.id);
          pending.resolve(isPromptAnswer(message.answer) ? message.answer : { accept: false });
        }
        return;
      }
      default:
        ws.close(1008, 'unknown message type');
    }
  }

  function attachConsole(ws: WebSocket, consoleId: string): void {
    const pending = pendingConsoles.get(consoleId);
    if (!pending) {
      ws.close(4404, 'no such console');
      return;
    }
    pendingConsoles.delete(consoleId);
    clearTimeout(pending.timer);
    const peer = pumpConsole(
      pending.stream,
      {
        sendData: (bytes) => sendRaw(ws, bytes),
        sendControl: (control) => sendRaw(ws, JSON.stringify(control)),
        close: () => ws.close(1000),
      },
      opts.consoleWindow,
    );
    ws.on('message', (data, isBinary) => {
      if (isBinary) return peer.receiveData(rawToBuffer(data));
      let control: unknown;
      try {
        control = JSON.parse(rawToBuffer(data).toString('utf8'));
      } catch {
        control = null;
      }
      peer.receiveControl(control);
    });
    ws.on('close', () => peer.wireClosed());
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
    token,
    port,
    async close() {
      relay?.setHandler(null);
      for (const { stream, timer } of pendingConsoles.values()) {
        clearTimeout(timer);
        stream.destroy();
      }
      pendingConsoles.clear();
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await transfers.close();
    },
  };
}
