// LocalFiles over the loopback web API's /transfer endpoints (electron/webapi/transfer.ts): uploads are staged with
// XMLHttpRequest for its upload progress; downloads are written by the core into a staged path, then fetched by
// the browser as an attachment.
import type { LocalFiles } from '../state/backend.js';
import { report } from '../../shared/model/errors.js';
import { ApiError } from './client.js';

export function transferFiles(origin: string, token: string | null): LocalFiles {
  const url = (path: string, params: Record<string, string>): string => {
    const q = new URLSearchParams(params);
    if (token !== null) q.set('token', token);
    return `${origin}${path}?${q.toString()}`;
  };
  const failed = (file: string, reason: string) => new ApiError(report('transfer.failed', { file, reason }));
  const readFile = (name: string, text: string): string => {
    const body = JSON.parse(text) as { file?: string; error?: string };
    if (!body.file) throw failed(name, body.error ?? 'not staged');
    return body.file;
  };
  const release = (file: string) => fetch(url('/transfer/file', { file }), { method: 'DELETE' }).then(() => undefined);
  return {
    stage(file, onProgress) {
      if (!(file instanceof File)) return Promise.reject(new ApiError(report('file.not-picked', { file: file.name })));
      return new Promise((resolve, reject) => {
        const xhr = new XMLHttpRequest();
        xhr.open('PUT', url('/transfer/upload', { name: file.name }));
        xhr.upload.onprogress = (e) => e.lengthComputable && onProgress?.(e.loaded / e.total);
        xhr.onload = () => {
          try {
            if (xhr.status !== 200) throw failed(file.name, `HTTP ${xhr.status}`);
            const path = readFile(file.name, xhr.responseText);
            resolve({ path, release: () => release(path) });
          } catch (err) {
            reject(err instanceof Error ? err : new Error(String(err)));
          }
        };
        xhr.onerror = () => reject(new ApiError(report('disconnected', {})));
        xhr.send(file);
      });
    },
    async saveTarget(name) {
      const res = await fetch(url('/transfer/target', { name }), { method: 'POST' });
      const path = readFile(name, await res.text());
      return {
        path,
        async deliver() {
          const a = document.createElement('a');
          a.href = url('/transfer/file', { file: path });
          a.download = name;
          document.body.append(a);
          a.click();
          a.remove();
        },
      };
    },
  };
}
