// Support mode's link: the grant file alone (no host config, no libvirt): SSH as the console account with the
// grant's key, the host recognised by the fingerprint in the file, and the consoles the grant opens.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { grantFile, type GrantFile } from '../../../shared/ipc/grant-schemas.js';
import { SshConnection } from '../../ssh/connection.js';
import { passphraseOpens } from '../../ssh/keygen.js';
import type { GuestShell } from '../api.js';
import { CoreError } from '../errors.js';

/** The grant file's content checked against its schema (grant.file-invalid says what is wrong). */
export function parseGrantFile(name: string, text: string): GrantFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new CoreError('grant.file-invalid', { file: name, reason: (err as Error).message });
  }
  const r = grantFile.safeParse(json);
  if (!r.success) throw new CoreError('grant.file-invalid', { file: name, reason: r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
  return r.data;
}

type Size = { cols: number; rows: number; term?: string };

/**
 * One SSH connection as the grant's console account. ssh reads keys and known hosts from files: a private
 * directory holds the (still encrypted) key while the link lives, so a dropped connection can be made again.
 */
export class GrantLink {
  private constructor(
    readonly grant: GrantFile,
    private readonly dir: string,
    private readonly conn: SshConnection,
  ) {}

  /** Connects (grant.ended after the window, grant.wrong-passphrase before any connection is tried). */
  static async open(grant: GrantFile, passphrase: string, fileName: string): Promise<GrantLink> {
    GrantLink.checkWindow(grant);
    if (!passphraseOpens(grant.privateKey, passphrase)) throw new CoreError('grant.wrong-passphrase', { file: fileName });
    const dir = await mkdtemp(join(tmpdir(), 'virtdeck-grant-'));
    const keyFile = join(dir, 'key');
    const conn = new SshConnection({
      host: grant.ssh.host,
      port: grant.ssh.port,
      user: grant.ssh.user,
      identityFiles: [keyFile],
      identitiesOnly: true,
      configFile: null,
      knownHostsFile: join(dir, 'known_hosts'),
      reconnect: false,
      onUnknownHostKey: async (p) => p.keyType === grant.hostKey.type && p.fingerprint === grant.hostKey.fingerprint,
      askPassphrase: async (_file, retry) => (retry ? null : passphrase),
    });
    const link = new GrantLink(grant, dir, conn);
    try {
      await writeFile(keyFile, grant.privateKey, { mode: 0o600 });
      await conn.connect();
    } catch (err) {
      await link.close();
      throw err;
    }
    return link;
  }

  private static checkWindow(grant: GrantFile): void {
    if (Date.parse(grant.window.until) <= Date.now()) throw new CoreError('grant.ended', { until: grant.window.until });
  }

  /** The VM's serial console: the host's forced command opens it; the pty carries it. */
  async serial(size: Size): Promise<GuestShell> {
    if (!this.grant.serial) throw new CoreError('grant.no-console', { kind: 'serial' });
    await this.ready();
    return this.conn.shell(size);
  }

  /** The VM's VNC server on the host's loopback (the only forward the key permits); raw RFB bytes. */
  async vnc(): Promise<Duplex> {
    const vnc = this.grant.vnc;
    if (!vnc) throw new CoreError('grant.no-console', { kind: 'vnc' });
    await this.ready();
    return this.conn.forwardOut('127.0.0.1', vnc.port);
  }

  async close(): Promise<void> {
    this.conn.close();
    await rm(this.dir, { recursive: true, force: true });
  }

  /** Within the window, and connected (again, after a drop). */
  private async ready(): Promise<void> {
    GrantLink.checkWindow(this.grant);
    await this.conn.connect();
  }
}

/** The VM's serial console through the grant, on a link of its own that ends with it (the CLI's support mode). */
export async function openGrantSerial(grant: GrantFile, passphrase: string, size: Size, fileName = 'grant'): Promise<GuestShell> {
  const link = await GrantLink.open(grant, passphrase, fileName);
  try {
    const shell = await link.serial(size);
    shell.once('close', () => void link.close());
    return shell;
  } catch (err) {
    await link.close();
    throw err;
  }
}
