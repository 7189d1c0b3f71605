// An SSH server in this process (ssh2's Server on 127.0.0.1), for unit tests of what the client does with what a
// server asks: publickey, password and keyboard-interactive rounds, host keys of a chosen type. Exec answers
// `hostname` with "fake" and refuses the rest. Sessions can be dropped to test reconnects.
import { mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2, { type AuthContext, type Connection, type ParsedKey } from 'ssh2';
import { afterEach } from 'vitest';
import type { SshConnectionOptions } from '../../../electron/ssh/connection.js';

const { Server, utils } = ssh2;

export interface FakeSshdOptions {
  hostKeyType?: 'ed25519' | 'rsa' | 'ecdsa';
  /** Public key (OpenSSH line) accepted for publickey auth. */
  authorizedKey?: string;
  /** Accepted for `password`, and for a keyboard-interactive prompt "Password: ". */
  password?: string;
  /** Offer keyboard-interactive: "Password: " then, if set, a one-time-code prompt that wants this answer. */
  keyboardInteractive?: { otp?: string };
  /** Methods offered (default: those configured above). */
  methods?: string[];
}

export interface FakeSshd {
  port: number;
  /** The host key as the client sees it (SSH wire blob). */
  hostKeyBlob: Buffer;
  /** What each auth attempt sent: method and (for password/keyboard-interactive) the answers. */
  attempts: Array<{ method: string; answers?: string[] }>;
  /** Successful logins so far. */
  logins: number;
  /** SSH_MSG_IGNORE packets received from clients so far. */
  ignores: number;
  /** Accept this public key (OpenSSH line) instead of the one before. */
  authorize(publicKey: string): void;
  /** Cut every live session (the client sees its link drop). */
  dropAll(): void;
  close(): Promise<void>;
}

/** A temp directory removed never (tests write small files only). */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'vd-fake-sshd-'));
}

/** Writes a fresh ed25519 key pair (optionally encrypted) and returns the private key file and public key line. */
export function clientKey(passphrase?: string): { file: string; publicKey: string } {
  const pair = utils.generateKeyPairSync('ed25519', passphrase ? { passphrase, cipher: 'aes256-ctr', rounds: 1 } : {});
  const file = join(tempDir(), 'id_ed25519');
  writeFileSync(file, pair.private, { mode: 0o600 });
  return { file, publicKey: pair.public };
}

const servers: FakeSshd[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

export async function startFakeSshd(opts: FakeSshdOptions): Promise<FakeSshd> {
  const type = opts.hostKeyType ?? 'ed25519';
  const hostKey = utils.generateKeyPairSync(type, type === 'rsa' ? { bits: 2048 } : type === 'ecdsa' ? { bits: 256 } : {});
  const hostParsed = utils.parseKey(hostKey.private) as ParsedKey;
  let allowed = opts.authorizedKey ? (utils.parseKey(opts.authorizedKey) as ParsedKey) : null;
  const methods =
    opts.methods ??
    [allowed ? 'publickey' : '', opts.password && !opts.keyboardInteractive ? 'password' : '', opts.keyboardInteractive ? 'keyboard-interactive' : ''].filter(Boolean);
  const connections = new Set<Connection>();
  const attempts: FakeSshd['attempts'] = [];
  const state = { logins: 0, ignores: 0 };

  const debug = (line: string): void => {
    if (line.includes('Received IGNORE')) state.ignores++;
  };
  const server = new Server({ hostKeys: [hostKey.private], debug }, (client) => {
    connections.add(client);
    client.on('close', () => connections.delete(client));
    client.on('error', () => undefined);
    client.on('authentication', (ctx: AuthContext) => {
      const reject = () => ctx.reject(methods as ssh2.AuthenticationType[]);
      if (!methods.includes(ctx.method)) return reject();
      switch (ctx.method) {
        case 'publickey': {
          attempts.push({ method: 'publickey' });
          const key = allowed;
          if (!key || ctx.key.algo !== key.type || !ctx.key.data.equals(key.getPublicSSH())) return reject();
          if (!ctx.signature) return ctx.accept(); // the key is acceptable: the client now signs
          return key.verify(ctx.blob!, ctx.signature, ctx.hashAlgo) ? ctx.accept() : reject();
        }
        case 'password':
          attempts.push({ method: 'password', answers: [ctx.password] });
          return ctx.password === opts.password ? ctx.accept() : reject();
        case 'keyboard-interactive': {
          const otp = opts.keyboardInteractive?.otp;
          ctx.prompt([{ prompt: 'Password: ', echo: false }], 'login', '', (first) => {
            if (otp === undefined) {
              attempts.push({ method: 'keyboard-interactive', answers: first });
              return first[0] === opts.password ? ctx.accept() : reject();
            }
            ctx.prompt([{ prompt: 'Verification code: ', echo: true }], 'second factor', 'From your token', (second) => {
              attempts.push({ method: 'keyboard-interactive', answers: [...first, ...second] });
              return first[0] === opts.password && second[0] === otp ? ctx.accept() : reject();
            });
          });
          return;
        }
        default:
          return reject();
      }
    });
    client.on('ready', () => {
      state.logins++;
      client.on('session', (accept) => {
        accept().on('exec', (acceptExec, _reject, info) => {
          const stream = acceptExec();
          if (info.command === 'hostname') {
            stream.write('fake\n');
            stream.exit(0);
          } else {
            stream.stderr.write(`not here: ${info.command}\n`);
            stream.exit(127);
          }
          stream.end();
        });
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const fake: FakeSshd = {
    port: (server.address() as AddressInfo).port,
    hostKeyBlob: hostParsed.getPublicSSH(),
    attempts,
    get logins() {
      return state.logins;
    },
    get ignores() {
      return state.ignores;
    },
    authorize(publicKey) {
      allowed = utils.parseKey(publicKey) as ParsedKey;
    },
    dropAll() {
      for (const c of connections) c.end();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of connections) c.end();
        server.close(() => resolve());
      }),
  };
  servers.push(fake);
  return fake;
}

/** Client options for the fake server: no ssh_config, no agent, a fresh known_hosts that trusts its key. */
export function fakeClientOptions(sshd: FakeSshd, extra: Partial<SshConnectionOptions> = {}): SshConnectionOptions {
  const knownHostsFile = join(tempDir(), 'known_hosts');
  const keyType = sshd.hostKeyBlob.subarray(4, 4 + sshd.hostKeyBlob.readUInt32BE(0)).toString();
  writeFileSync(knownHostsFile, `[127.0.0.1]:${sshd.port} ${keyType} ${sshd.hostKeyBlob.toString('base64')}\n`);
  return {
    host: '127.0.0.1',
    port: sshd.port,
    user: 'tester',
    configFile: null,
    agent: '',
    identityFiles: [],
    identitiesOnly: true,
    knownHostsFile,
    reconnect: false,
    onUnknownHostKey: async () => {
      throw new Error('unexpected host key prompt');
    },
    ...extra,
  };
}
