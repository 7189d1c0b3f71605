// This machine as a host (its own libvirtd, no SSH): commands are local processes, forwards are local sockets,
// stat is this file system.
import { execFile, spawn } from 'node:child_process';
import { appendFile, mkdir, open, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Socket } from 'node:net';
import { DEFAULT_EXEC_OUTPUT_LIMIT } from '../../ssh/channels.js';
import { libvirtSocketPath } from '../../ssh/libvirt-transport.js';
import { connectedSocket, openLocalLibvirtSocket } from '../../ssh/local-socket.js';
import { CoreError } from '../errors.js';
import { localFiles, type HostFiles } from './host-files.js';
import type { ExecOptions, ExecResult, HostProcess, HostTransport, LibvirtStream, PathKind } from './host-transport.js';

export class LocalTransport implements HostTransport {
  /** How errors name this machine (a name, not words: the front ends word the error). */
  readonly label = 'localhost';
  /** A guest reached from here uses the user's default keys. */
  readonly identityFiles: readonly string[] = [];
  readonly ignoredSettings = [];
  readonly carriesFiles = false;

  async connect(): Promise<void> {}

  close(): void {}

  exec(argv: readonly string[], opts: ExecOptions = {}): Promise<ExecResult> {
    const limit = opts.maxOutputBytes ?? DEFAULT_EXEC_OUTPUT_LIMIT;
    const [cmd, ...args] = argv;
    return new Promise((resolve, reject) => {
      const child = execFile(cmd!, args, { maxBuffer: limit, encoding: 'buffer' }, (err, stdout, stderr) => {
        if (err?.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') {
          reject(new CoreError('host.output-limit', { target: this.label, command: cmd ?? '', limitBytes: limit }));
          return;
        }
        // No such command: what a shell would answer (127).
        const code = err ? (typeof err.code === 'number' ? err.code : err.signal ? null : 127) : 0;
        resolve({ stdout, stderr, code, signal: err?.signal ?? null });
      });
      child.stdin?.end(opts.stdin);
    });
  }

  async spawn(argv: readonly string[], opts: { stdin?: boolean } = {}): Promise<HostProcess> {
    const child = spawn(argv[0]!, argv.slice(1), { stdio: [opts.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (code) => resolve(code));
    });
    return { stdin: child.stdin, stdout: child.stdout!, stderr: child.stderr!, exited };
  }

  forwardOut(host: string, port: number): Promise<Socket> {
    return connectedSocket({ host, port });
  }

  forwardUnix(path: string): Promise<Socket> {
    return connectedSocket({ path });
  }

  async stat(path: string): Promise<PathKind> {
    try {
      const st = await stat(path);
      return st.isDirectory() ? 'directory' : st.isBlockDevice() ? 'block' : st.isFile() ? 'file' : 'other';
    } catch (err) {
      return (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'unknown';
    }
  }

  async appendFile(path: string, data: Buffer): Promise<void> {
    await mkdir(dirname(path), { recursive: true, mode: 0o755 });
    await appendFile(path, data, { mode: 0o644 });
  }

  async readFileTail(path: string, maxBytes: number): Promise<Buffer | null> {
    let file;
    try {
      file = await open(path, 'r');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    try {
      const { size } = await file.stat();
      const length = Math.min(size, maxBytes);
      const buf = Buffer.alloc(length);
      const { bytesRead } = await file.read(buf, 0, length, size - length);
      return buf.subarray(0, bytesRead);
    } finally {
      await file.close();
    }
  }

  /** This machine's volumes go through libvirt's stream (its files may be libvirt's alone). */
  async openSftp(): Promise<null> {
    return null;
  }

  async files(): Promise<HostFiles> {
    return localFiles;
  }

  async openLibvirt(uri: string): Promise<LibvirtStream> {
    return { stream: await openLocalLibvirtSocket(libvirtSocketPath(uri, false)), kind: 'unix', diagnostics: () => '' };
  }
}
