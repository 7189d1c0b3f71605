// The web API's staging area for browser file transfers: upload, fetch once, delete, and nothing outside it.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTransferArea, type TransferArea } from '../../../electron/webapi/transfer.js';

describe('web API transfer area', () => {
  let area: TransferArea;
  let server: Server;
  let base = '';
  beforeAll(async () => {
    area = await createTransferArea(mkdtempSync(path.join(tmpdir(), 'vd-staging-')));
    server = createServer((req, res) => void area.handle(req, res, new URL(`http://127.0.0.1${req.url}`)).then((ok) => ok || res.writeHead(404).end()));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((r) => server.close(() => r()));
    await area.close();
  });

  it('stages an upload under a safe name, serves it once, then removes it', async () => {
    const body = Buffer.from('qcow2-bytes'.repeat(1000));
    const up = (await (await fetch(`${base}/transfer/upload?name=../../etc/passwd`, { method: 'PUT', body })).json()) as { file: string };
    expect(path.dirname(path.dirname(up.file))).toBe(area.dir);
    expect(path.basename(up.file)).toBe('passwd');
    expect(readFileSync(up.file)).toEqual(body);
    const got = await fetch(`${base}/transfer/file?file=${encodeURIComponent(up.file)}`);
    expect(got.headers.get('content-disposition')).toBe('attachment; filename="passwd"');
    expect(Buffer.from(await got.arrayBuffer())).toEqual(body);
    await expect.poll(() => existsSync(up.file)).toBe(false);
  });

  it('hands out fresh download targets and refuses paths outside the area', async () => {
    const t = (await (await fetch(`${base}/transfer/target?name=disk.qcow2`, { method: 'POST' })).json()) as { file: string };
    expect(t.file.startsWith(area.dir)).toBe(true);
    expect(existsSync(t.file)).toBe(false);
    const outside = path.join(tmpdir(), `vd-transfer-outside-${process.pid}`);
    writeFileSync(outside, 'secret');
    expect((await fetch(`${base}/transfer/file?file=${encodeURIComponent(outside)}`)).status).toBe(404);
    expect((await fetch(`${base}/transfer/file?file=${encodeURIComponent(outside)}`, { method: 'DELETE' })).status).toBe(404);
    expect(readFileSync(outside, 'utf8')).toBe('secret');
  });
});

describe('web API staging root', () => {
  it('is emptied at start of what web API servers no longer running left, and keeps the running ones\' files', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'vd-staging-'));
    const leftover = (name: string) => {
      mkdirSync(path.join(root, name, 'ab12'), { recursive: true });
      writeFileSync(path.join(root, name, 'ab12', 'disk.qcow2'), 'half an upload');
    };
    leftover('2147483646'); // no such process
    leftover(String(process.pid)); // an earlier process that had our pid
    leftover('virtdeck-old-layout');
    leftover(String(process.ppid)); // a webapi still running: not ours to touch
    const area = await createTransferArea(root);
    expect(readdirSync(root).sort()).toEqual([String(process.pid), String(process.ppid)].sort());
    expect(area.dir).toBe(path.join(root, String(process.pid)));
    expect(readdirSync(area.dir)).toEqual([]);
    expect(readFileSync(path.join(root, String(process.ppid), 'ab12', 'disk.qcow2'), 'utf8')).toBe('half an upload');
    await area.close();
    expect(readdirSync(root)).toEqual([String(process.ppid)]);
  });
});
