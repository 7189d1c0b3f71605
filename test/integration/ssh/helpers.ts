// Shared setup for the SSH integration tests: temp copies of the test bed's known_hosts, keys, options.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { testbed } from '../testbed.js';
import { SshConnection, type SshConnectionOptions } from '../../../electron/ssh/connection.js';

export const tb = testbed();

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'vd-ssh-it-'));
}

/** A private copy of the test bed's known_hosts that a test may modify. */
export function knownHostsCopy(): string {
  const file = join(tempDir(), 'known_hosts');
  copyFileSync(tb.knownHosts, file);
  return file;
}

/** `SHA256:…` of a public key file, as OpenSSH prints it. */
export function sshKeygenFingerprint(pubFile: string): string {
  return execFileSync('ssh-keygen', ['-lf', pubFile], { encoding: 'utf8' }).split(' ')[1]!;
}

/** Options for test-bed host i as root with the test-bed key; no ~/.ssh/config, no agent. */
export function hostOptions(i: number, extra: Partial<SshConnectionOptions> = {}): SshConnectionOptions {
  return {
    host: '127.0.0.1',
    port: tb.hosts[i - 1]!.sshPort,
    user: 'root',
    identityFiles: [tb.keyFile],
    identitiesOnly: true,
    knownHostsFile: tb.knownHosts,
    configFile: null,
    agent: '',
    onUnknownHostKey: async () => {
      throw new Error('unexpected host key prompt');
    },
    ...extra,
  };
}

export async function connected(opts: SshConnectionOptions): Promise<SshConnection> {
  const conn = new SshConnection(opts);
  await conn.connect();
  return conn;
}

/** For a test file: `conn(i, extra)` connects to test-bed host i (see hostOptions), `track(c)` adopts any other
 *  connection; all of them are closed after each test. */
export function closedAfterEach(): {
  conn: (...args: Parameters<typeof hostOptions>) => Promise<SshConnection>;
  track: (c: SshConnection) => SshConnection;
} {
  const open: SshConnection[] = [];
  afterEach(() => {
    for (const c of open.splice(0)) c.close();
  });
  const track = (c: SshConnection) => (open.push(c), c);
  return { conn: async (...args) => track(await connected(hostOptions(...args))), track };
}

/** A TCP port with nothing listening on it. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Split printf '%s\0' output into its arguments. */
export function nulSplit(buf: Buffer): string[] {
  const parts = buf.toString('utf8').split('\0');
  parts.pop();
  return parts;
}

/**
 * The promise's rejection, asserted to come before any I/O: it settles within the current turn of the event loop
 * (a call that waited for a connection or a timer could not). Load-proof, unlike a bound in milliseconds.
 */
export async function rejectsAtOnce(p: Promise<unknown>): Promise<unknown> {
  let outcome: { err: unknown } | undefined;
  p.then(
    () => (outcome = { err: new Error('resolved, expected a rejection') }),
    (err: unknown) => (outcome = { err }),
  );
  await new Promise((r) => setImmediate(r));
  if (!outcome) throw new Error('the call did not settle at once: it waits for something');
  return outcome.err;
}
