// Malformed input for the web API fuzz test: HTTP requests and WebSocket frames, without and with the session token.
// Each case is the bytes a client writes and how it then leaves (half-close, reset, or stop reading).
import { frame, tokenHeader, upgradeRequest } from './raw-client.js';

export interface FuzzCase {
  kind: string;
  bytes: Buffer;
  /** end: half-close and wait; reset: RST at once; stall: never read, dropped when the batch ends. */
  leave: 'end' | 'reset' | 'stall';
}

/** A small deterministic generator (mulberry32), so a failing batch can be replayed from its seed. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { int, pick: <T>(xs: readonly T[]): T => xs[int(xs.length)]!, bytes: (n: number) => Buffer.from(Array.from({ length: n }, () => int(256))) };
}
type Rng = ReturnType<typeof rng>;

const BAD_TARGETS = [
  'http://a:99999/',
  'http://[::1:99999]/api',
  'https://127.0.0.1:1/transfer/file',
  '*',
  '//a:99999/',
  '/%',
  '/%E0%A4%A',
  '/..%2f..%2f..%2fetc%2fpasswd',
  '/transfer/file?file=%2Fetc%2Fpasswd',
  '/transfer/upload?name=',
  `/${'a'.repeat(9000)}`,
  '/\u00ff\u00fe',
  '/?token=&token=x',
  '/console/../api',
  'api',
];

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS', 'CONNECT', 'TRACE', 'FOO', 'G\u00c9T', ''];

function httpRequest(r: Rng, port: number, token: string | null): string {
  const target = r.int(3) === 0 ? r.pick(BAD_TARGETS) : r.pick(['/', '/app.js', '/transfer/target?name=x', '/transfer/upload?name=y', '/transfer/file?file=/tmp/z', '/api']);
  const withToken = token !== null && target.startsWith('/transfer/') ? `${target}${target.includes('?') ? '&' : '?'}token=${token}` : target;
  const headers = [
    r.int(8) === 0 ? '' : `Host: ${r.pick([`127.0.0.1:${port}`, `localhost:${port}`, 'evil.example', `127.0.0.1:${port}, x`, ''])}`,
    r.int(4) === 0 ? `Origin: ${r.pick(['http://evil.example', 'null', `http://127.0.0.1:${port}`, '\u00ff'])}` : '',
    r.int(6) === 0 ? `Content-Length: ${r.pick(['-1', '1e9', 'abc', '5', '99999999999999999999'])}` : '',
    r.int(6) === 0 ? 'Transfer-Encoding: chunked' : '',
    r.int(10) === 0 ? `X-Big: ${'b'.repeat(20_000)}` : '',
    r.int(10) === 0 ? 'Bad Header Name: x' : '',
    'Connection: close',
  ].filter(Boolean);
  const body = r.int(4) === 0 ? r.pick(['zz\r\n', '5\r\nabc', '0\r\n\r\n', 'x'.repeat(100)]) : '';
  return `${r.pick(METHODS)} ${withToken} ${r.pick(['HTTP/1.1', 'HTTP/1.0', 'HTTP/9.9', 'HTTP/1.1 extra', ''])}\r\n${headers.join('\r\n')}\r\n\r\n${body}`;
}

/** A WebSocket frame a correct server must refuse (or survive). */
function badFrame(r: Rng): Buffer {
  switch (r.int(10)) {
    case 0:
      return frame(0x1, Buffer.from([0xe2, 0x28, 0xa1])); // invalid UTF-8
    case 1:
      return frame(0x2, Buffer.alloc(0), { claimedLength: 16 * 1024 * 1024 + 1 + r.int(1 << 30) }); // over maxPayload
    case 2:
      return frame(0x1, Buffer.from('{}'), { mask: false }); // clients must mask
    case 3:
      return frame(r.pick([0x3, 0x7, 0xb, 0xf]), r.bytes(r.int(20))); // reserved opcodes
    case 4:
      return Buffer.concat([frame(0x1, Buffer.from('{"type":'), { fin: false }), frame(0x9, Buffer.alloc(200), { fin: false })]); // fragmented ping over 125
    case 5:
      return frame(0x0, Buffer.from('"orphan continuation"'));
    case 6:
      return frame(0x8, Buffer.concat([Buffer.from([r.pick([0x03, 0x13, 0x00]), r.int(256)]), Buffer.from([0xc3, 0x28])])); // bad close code / reason
    case 7: {
      const f = frame(0x1, Buffer.from(JSON.stringify({ type: 'call', id: 1, name: 'hosts.list', input: {} })));
      return f.subarray(0, 1 + r.int(f.length - 1)); // truncated
    }
    case 8:
      return Buffer.concat([Buffer.from([0x81 | (r.int(7) << 4)]), r.bytes(1 + r.int(12))]); // RSV bits, garbage header
    default:
      return r.bytes(1 + r.int(64));
  }
}

/** Well-formed frames with content the API must answer or refuse without harm. */
function oddMessage(r: Rng): Buffer {
  const messages: unknown[] = [
    { type: 'call', id: r.int(1000), name: r.pick(['hosts.list', '__proto__', 'constructor', 'toString', 'vms.list', 'x'.repeat(300)]), input: r.pick([{}, null, [], 'x', { host: '\u0000' }]) },
    { type: 'call', id: 'one', name: 'hosts.list', input: {} },
    { type: 'call', id: r.int(9), name: 'volumes.upload', input: { host: 'h', pool: 'p', volume: 'v', file: '/etc/shadow' } },
    { type: 'call', id: r.int(9), name: 'hosts.probeKey', input: { ssh: { host: '127.0.0.1', port: 1 }, knownHostsFile: '/root/.ssh/known_hosts' } },
    { type: 'console', id: r.int(9), request: r.pick([null, { kind: 'serial' }, { kind: 'vnc', ref: { host: 'nope', vm: 'x' } }]) },
    { type: 'prompt-answer', id: r.int(9), answer: { accept: true, secret: 'x' } },
    { type: 'nope', id: 1 },
    null,
    [1, 2, 3],
    '"just a string"',
  ];
  const text = r.int(5) === 0 ? `{"type":"call","id":${'['.repeat(5000)}` : JSON.stringify(r.pick(messages));
  return r.int(8) === 0 ? frame(0x2, Buffer.from(text)) : frame(0x1, Buffer.from(text));
}

/** One case of the given number (cases cycle through every kind). */
export function fuzzCase(n: number, r: Rng, port: number, token: string): FuzzCase {
  // The handshake and the frames in one write: the server parses the frames as the upgrade's leftover bytes.
  const ws = (target: string, t: string | null, frames: Buffer[]): Buffer =>
    Buffer.concat([Buffer.from(upgradeRequest(port, target, t === null ? [] : [tokenHeader(t)]), 'latin1'), ...frames]);
  const leaveOf = (): FuzzCase['leave'] => (r.int(3) === 0 ? 'reset' : 'end');
  switch (n % 9) {
    case 0:
      return { kind: 'http, no token', bytes: Buffer.from(httpRequest(r, port, null), 'latin1'), leave: leaveOf() };
    case 1:
      return { kind: 'http, token', bytes: Buffer.from(httpRequest(r, port, token), 'latin1'), leave: leaveOf() };
    case 2: {
      const full = Buffer.from(httpRequest(r, port, r.int(2) ? token : null), 'latin1');
      return { kind: 'http, truncated', bytes: full.subarray(0, r.int(full.length)), leave: leaveOf() };
    }
    case 3: {
      const target = r.pick(['/api', `/console/${'x'.repeat(16 + r.int(40))}`, 'http://a:99999/api', '/api?token=x', '//api']);
      const t = r.pick([null, 'wrong', token.slice(1), `${token},x`]);
      return { kind: 'upgrade, bad token or target', bytes: ws(target, t, r.int(2) ? [badFrame(r)] : []), leave: leaveOf() };
    }
    case 4:
      return { kind: 'upgrade, malformed handshake', bytes: Buffer.from(upgradeRequest(port, '/api', [tokenHeader(token), r.pick(['Sec-WebSocket-Version: 99', 'Sec-WebSocket-Key: short', 'Sec-WebSocket-Extensions: permessage-deflate; server_max_window_bits=99', 'Upgrade: h2c'])]), 'latin1'), leave: leaveOf() };
    case 5:
      return { kind: 'ws /api, bad frame', bytes: ws('/api', token, [badFrame(r)]), leave: leaveOf() };
    case 6:
      return { kind: 'ws /api, odd message', bytes: ws('/api', token, Array.from({ length: 1 + r.int(5) }, () => oddMessage(r))), leave: leaveOf() };
    case 7:
      return { kind: 'ws /console, bad frame', bytes: ws(`/console/${'A'.repeat(32)}`, token, [badFrame(r)]), leave: leaveOf() };
    default: {
      // A slow reader: asks a lot and reads nothing until the batch ends.
      const calls = Array.from({ length: 20 }, (_, i) => frame(0x1, Buffer.from(JSON.stringify({ type: 'call', id: i, name: 'hosts.list', input: {} }))));
      return { kind: 'ws /api, slow reader', bytes: ws('/api', token, calls), leave: 'stall' };
    }
  }
}
