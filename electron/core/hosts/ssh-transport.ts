// A host over SSH: one SshConnection (kept across reconnects, so what the server refused is remembered) carries
// commands, forwards, stat and the libvirt stream.
import type { Duplex } from 'node:stream';
import type { SFTPWrapper } from 'ssh2';
import { homedir } from 'node:os';
import type { HostConfig, SshIgnoredSetting } from '../../../shared/model/host.js';
import { SshConnection, type ExecOptions, type ExecResult } from '../../ssh/connection.js';
import { sftpAppend, sftpReadTail } from '../../ssh/sftp-files.js';
import { expandTilde } from '../../ssh/ssh-config.js';
import { CoreError } from '../errors.js';
import type { CorePrompts } from '../prompts.js';
import { sftpFiles, type HostFiles } from './host-files.js';
import { daemonUri, kindOfStatType, type HostProcess, type HostTransport, type LibvirtStream, type PathKind } from './host-transport.js';

export class SshTransport implements HostTransport {
  /** Null for a stored config without an SSH target: every use then says so. */
  private readonly conn: SshConnection | null;
  /** One SFTP session shared by every file call (SFTP multiplexes requests); dropped when its channel closes. */
  private sftp: Promise<HostFiles> | null = null;
  readonly carriesFiles = true;

  constructor(
    private readonly config: HostConfig,
    prompts: CorePrompts,
  ) {
    const target = config.ssh;
    this.conn = !target ? null : new SshConnection({
      host: target.host,
      ...(target.port !== undefined ? { port: target.port } : {}),
      ...(target.user !== undefined ? { user: target.user } : {}),
      ...(target.identityFile !== undefined ? { identityFiles: [expandTilde(target.identityFile, homedir())], identitiesOnly: true } : {}),
      ...(target.jump !== undefined ? { jump: target.jump } : {}),
      ...(config.knownHostsFile !== undefined ? { knownHostsFile: config.knownHostsFile } : {}),
      onUnknownHostKey: async (p) =>
        prompts.hostKey
          ? prompts.hostKey({ host: `${p.host}:${p.port}`, keyType: p.keyType, fingerprint: p.fingerprint, otherKnownTypes: p.otherKnownTypes })
          : false,
      ...(prompts.passphrase ? { askPassphrase: prompts.passphrase.bind(prompts) } : {}),
      ...(prompts.password ? { askPassword: prompts.password.bind(prompts) } : {}),
      ...(prompts.keyboardInteractive ? { askKeyboardInteractive: prompts.keyboardInteractive.bind(prompts) } : {}),
      // The host session owns reconnects, so that SSH and libvirt come back together.
      reconnect: false,
    });
  }

  get label(): string {
    return this.conn?.label ?? this.config.name;
  }
  get identityFiles(): readonly string[] {
    return this.conn?.identityFiles ?? [];
  }
  get ignoredSettings(): readonly SshIgnoredSetting[] {
    return this.conn?.ignoredSettings ?? [];
  }

  private get ssh(): SshConnection {
    if (!this.conn) throw new CoreError('host.no-ssh-target', { host: this.config.name });
    return this.conn;
  }

  async connect(): Promise<void> {
    await this.ssh.connect();
  }

  close(): void {
    this.sftp = null;
    this.conn?.close();
  }

  async exec(argv: readonly string[], opts?: ExecOptions): Promise<ExecResult> {
    return this.ssh.exec(argv, opts);
  }

  async spawn(argv: readonly string[], opts: { stdin?: boolean } = {}): Promise<HostProcess> {
    const channel = await this.ssh.spawn(argv);
    if (!opts.stdin) channel.end();
    // ssh2 repeats the exit status on 'close' (undefined when the link went away first).
    const exited = new Promise<number | null>((resolve) => channel.once('close', (code?: number | null) => resolve(code ?? null)));
    return { stdin: opts.stdin ? channel : null, stdout: channel, stderr: channel.stderr, exited };
  }

  async forwardOut(host: string, port: number): Promise<Duplex> {
    return this.ssh.forwardOut(host, port);
  }

  async forwardUnix(path: string): Promise<Duplex> {
    return this.ssh.forwardStreamLocal(path);
  }

  async stat(path: string): Promise<PathKind> {
    const r = await this.ssh.exec(['stat', '-L', '-c', '%F', '--', path]);
    if (r.code === 0) return kindOfStatType(r.stdout.toString('utf8').trim());
    return /No such file or directory/.test(r.stderr.toString('utf8')) ? 'missing' : 'unknown';
  }

  appendFile(path: string, data: Buffer): Promise<void> {
    return this.withSftp((sftp) => sftpAppend(sftp, path, data));
  }

  readFileTail(path: string, maxBytes: number): Promise<Buffer | null> {
    return this.withSftp((sftp) => sftpReadTail(sftp, path, maxBytes));
  }

  /** One SFTP channel on the live connection, for one operation. */
  private async withSftp<T>(fn: (sftp: SFTPWrapper) => Promise<T>): Promise<T> {
    const sftp = await this.ssh.sftp();
    try {
      return await fn(sftp);
    } finally {
      sftp.end();
    }
  }

  async openSftp(): Promise<SFTPWrapper | null> {
    return this.ssh.sftp();
  }

  files(): Promise<HostFiles> {
    if (!this.sftp) {
      const opened = this.ssh.sftp().then((sftp) => {
        const drop = () => {
          if (this.sftp === opened) this.sftp = null;
        };
        sftp.once('close', drop);
        sftp.once('error', drop);
        return sftpFiles(sftp);
      });
      opened.catch(() => {
        if (this.sftp === opened) this.sftp = null;
      });
      this.sftp = opened;
    }
    return this.sftp;
  }

  async openLibvirt(uri: string): Promise<LibvirtStream> {
    await this.ssh.connect();
    const stream = await this.ssh.openLibvirtChannel(daemonUri(uri));
    const ssh = this.ssh;
    return { stream, kind: ssh.libvirtChannelKind ?? 'ssh', diagnostics: () => ssh.libvirtDiagnostics };
  }
}
