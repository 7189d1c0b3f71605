// LocalFiles over the loopback web API's /transfer endpoints (electron/webapi/transfer.ts): uploads are staged with
// XMLHttpRequest for its upload progress; downloads are written by the core into a staged path, then fetched by
// the browser as an attachment.
import type { LocalFiles } from '../state/backend.js';
import { ApiError } from './client.js';

export function transferFiles(origin: string, token: string | null): LocalFiles {
  const url = (path: string, params: Record<string, string>): string => {
    const q = new URLSearchParams(params);
    if (token !== null) q.set('token', token);
    return `${origin}${path}?${q.toString()}`;
  };
  const readFile = (text: string): string => {
    const body = JSON.parse(text) as { file?: string; error?: string };
    if (!body.file) throw new ApiError('transfer', body.error ?? 'the web API did not stage the file');
    return body.file;
  };
  const release = (file: string) => fetch(url('/transfer/file', { file }), { method: 'DELETE' }).then(() => undefined);
  return {
    stage(file, onProgress) {
      if (!(file instanceof File)) return Promise.reject(new ApiError('bad-request', `${file.name}: not a file from this browser`));
      return new Promise((resolve, reject) => {
        const xhr = new XMLHttpRequest();
        xhr.open('PUT', url('/transfer/upload', { name: file.name }));
        xhr.upload.onprogress = (e) => e.lengthComputable && onProgress?.(e.loaded / e.total);
        xhr.onload = () => {
          try {
            if (xhr.status !== 200) throw new ApiError('transfer', `staging ${file.name} failed: HTTP ${xhr.status}`);
            const path = readFile(xhr.responseText);
            resolve({ path, release: () => release(path) });
          } catch (err) {
            reject(err instanceof Error ? err : new Error(String(err)));
          }
        };
        xhr.onerror = () => reject(new ApiError('transfer', `staging ${file.name} failed: connection lost`));
        xhr.send(file);
      });
    },
    async saveTarget(name) {
      const res = await fetch(url('/transfer/target', { name }), { method: 'POST' });
      const path = readFile(await res.text());
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
