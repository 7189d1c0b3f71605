// File transfer for a browser client: the core reads and writes local paths (volume upload/download, image files),
// which a web page cannot name. The web API stages them in its own private directory:
//   PUT    /transfer/upload?name=F   body → a staged file; answers {"file": "<path>"} for volumes.upload/images.add
//   POST   /transfer/target?name=F   answers {"file": "<path>"}: a fresh path for volumes.download to write
//   GET    /transfer/file?file=P     the staged file as an attachment (downloads), removed once sent
//   DELETE /transfer/file?file=P     removes a staged file
// Only paths inside the staging directory are served or removed. Each running web API stages in <root>/<its pid>; the
// directory goes when the web API closes, and what crashed ones left behind goes when the next one starts.
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { processAlive } from '../core/process-alive.js';

export interface TransferArea {
  readonly dir: string;
  /** Whether `file` lies where this area puts staged files (<dir>/<sub>/<name>), the only local paths a browser names. */
  isStaged(file: string): boolean;
  /** Serves /transfer/* requests (`url`: the request's checked target); false when the path is not one of ours. */
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean>;
  close(): Promise<void>;
}

/** A file name from the client, reduced to one safe path component. */
function safeName(name: string | null): string {
  const base = path.basename(name ?? '').replace(/[^\w.+-]/g, '_').replace(/^\.+/, '');
  return base.slice(0, 200) || 'file';
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));
}

/** Empties `root` of everything but the directories of other web API servers still running (a crash skips close()). */
async function sweepLeftovers(root: string): Promise<void> {
  for (const name of await readdir(root)) {
    const pid = /^[1-9]\d*$/.test(name) ? Number(name) : null;
    if (pid !== null && pid !== process.pid && processAlive(pid)) continue;
    await rm(path.join(root, name), { recursive: true, force: true });
  }
}

/** `root`: the staging root shared by the web APIs of one VirtDeck home (one per process). */
export async function createTransferArea(root: string): Promise<TransferArea> {
  await mkdir(root, { recursive: true, mode: 0o700 });
  await sweepLeftovers(root);
  const dir = path.join(root, String(process.pid));
  await mkdir(dir, { mode: 0o700 });

  /** A new empty sub-directory per file, so two files of the same name never meet. */
  async function freshPath(name: string | null): Promise<string> {
    const sub = path.join(dir, randomBytes(12).toString('hex'));
    await mkdir(sub, { mode: 0o700 });
    return path.join(sub, safeName(name));
  }

  function staged(file: string | null): string | null {
    if (!file) return null;
    const resolved = path.resolve(file);
    const rel = path.relative(dir, resolved);
    // Exactly <dir>/<sub>/<name>: nothing outside, nothing deeper.
    return rel.split(path.sep).length === 2 && !rel.startsWith('..') ? resolved : null;
  }

  async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const route = `${req.method ?? ''} ${url.pathname}`;
    switch (route) {
      case 'PUT /transfer/upload': {
        const file = await freshPath(url.searchParams.get('name'));
        try {
          await pipeline(req, createWriteStream(file, { flags: 'wx', mode: 0o600 }));
        } catch (err) {
          await rm(path.dirname(file), { recursive: true, force: true });
          json(res, 500, { error: err instanceof Error ? err.message : String(err) });
          return true;
        }
        json(res, 200, { file });
        return true;
      }
      case 'POST /transfer/target':
        json(res, 200, { file: await freshPath(url.searchParams.get('name')) });
        return true;
      case 'GET /transfer/file': {
        const file = staged(url.searchParams.get('file'));
        const size = file ? await stat(file).then((s) => s.size, () => null) : null;
        if (!file || size === null) {
          json(res, 404, { error: 'no such staged file' });
          return true;
        }
        res.writeHead(200, {
          'content-type': 'application/octet-stream',
          'content-length': size,
          'content-disposition': `attachment; filename="${path.basename(file)}"`,
          'cache-control': 'no-store',
        });
        await pipeline(createReadStream(file), res).catch(() => undefined);
        await rm(path.dirname(file), { recursive: true, force: true });
        return true;
      }
      case 'DELETE /transfer/file': {
        const file = staged(url.searchParams.get('file'));
        if (file) await rm(path.dirname(file), { recursive: true, force: true });
        json(res, file ? 200 : 404, file ? { ok: true } : { error: 'no such staged file' });
        return true;
      }
      default:
        return false;
    }
  }

  return { dir, handle, isStaged: (file) => staged(file) !== null, close: () => rm(dir, { recursive: true, force: true }) };
}
