// This machine's files (the local transport's), with every absolute path under a temporary root: a host's file
// layout tested on a real file system without touching /var.
import { join } from 'node:path';
import { localFiles, type HostFiles } from '../../../electron/core/hosts/host-files.js';
import { LocalTransport } from '../../../electron/core/hosts/local-transport.js';
import type { HostTransport } from '../../../electron/core/hosts/host-transport.js';

export function rootedFiles(root: string): HostFiles {
  const at = (p: string) => join(root, p);
  return {
    mkdirp: (p) => localFiles.mkdirp(at(p)),
    list: (p) => localFiles.list(at(p)),
    read: (p) => localFiles.read(at(p)),
    age: (p) => localFiles.age(at(p)),
    size: (p) => localFiles.size(at(p)),
    create: (p, d) => localFiles.create(at(p), d),
    replace: (p, d) => localFiles.replace(at(p), d),
    rename: (a, b) => localFiles.rename(at(a), at(b)),
    remove: (p) => localFiles.remove(at(p)),
    removeDir: (p) => localFiles.removeDir(at(p)),
  };
}

/** The local transport's file calls under `root`. */
export function rootedTransport(root: string): Pick<HostTransport, 'appendFile' | 'readFileTail' | 'files'> {
  const local = new LocalTransport();
  return {
    appendFile: (p, data) => local.appendFile(join(root, p), data),
    readFileTail: (p, max) => local.readFileTail(join(root, p), max),
    files: async () => rootedFiles(root),
  };
}
