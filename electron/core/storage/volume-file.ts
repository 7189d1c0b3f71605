// The fast path of a volume's bytes: a volume kept as a plain file (a dir, fs or netfs pool) is read over the host's
// SFTP or written by a command on the host (host-file-write.ts), without libvirt's volume stream in between; any other
// volume (logical, iSCSI, RBD…), this machine (whose libvirt socket is as near as the file) or a file the SSH account
// may not open takes libvirt's stream.
import type { SFTPWrapper } from 'ssh2';
import type { LibvirtConnection } from '../../libvirt/connection.js';
import type { StorageVolRef } from '../../libvirt/protocol/index.js';
import { PoolXml } from '../../libvirt/xml/pool.js';
import type { HostSession } from '../hosts/host-session.js';
import { sftpClose, sftpOpen } from './sftp-io.js';

/** A volume and the connections that reach it; with `session` its bytes may take the host's SFTP. */
export interface VolumeEnd {
  lv: LibvirtConnection;
  vol: StorageVolRef;
  session?: HostSession;
}

/** How a transfer's bytes went: straight into/out of the volume's file over the host's SSH link, or libvirt's stream. */
export type TransferVia = 'ssh' | 'stream';

/** Pool types whose volumes are files under the pool's directory. */
export const FILE_POOL_TYPES: ReadonlySet<string> = new Set(['dir', 'fs', 'netfs']);

export interface VolumeFile {
  session: HostSession;
  sftp: SFTPWrapper;
  handle: Buffer;
  path: string;
  /** Closes the file and ends the SFTP session (never fails). */
  close(): Promise<void>;
}

/**
 * The path of the volume's file on its host when its bytes may take the host's own link (a file volume of a file
 * pool, on a host whose transport carries files), else null: libvirt's stream then.
 */
export async function volumeFilePath(end: VolumeEnd): Promise<string | null> {
  const { lv, vol, session } = end;
  if (!session?.transport.carriesFiles) return null;
  const pool = PoolXml.parse(await lv.storagePoolGetXmlDesc(await lv.storagePoolLookupByName(vol.pool), 0));
  if (!FILE_POOL_TYPES.has(pool.type ?? '') || (await lv.storageVolGetInfo(vol)).type !== 'file') return null;
  return lv.storageVolGetPath(vol);
}

/** The volume's file opened over SFTP for reading, or null when the volume must take libvirt's stream. */
export async function openVolumeFile(end: VolumeEnd): Promise<VolumeFile | null> {
  const { session } = end;
  if (!session) return null;
  // What libvirt says and the SFTP session's start on the host, side by side.
  const [path, sftp] = await Promise.all([
    volumeFilePath(end),
    // An account without SFTP (a console-only grant): the stream can still do it.
    session.transport.openSftp().catch(() => null),
  ]);
  if (path === null || sftp === null) {
    sftp?.end();
    return null;
  }
  // A file the account may not open: the stream again.
  const handle = await sftpOpen(sftp, path).catch(() => null);
  if (handle === null) {
    sftp.end();
    return null;
  }
  return {
    session,
    sftp,
    handle,
    path,
    close: async () => {
      await sftpClose(sftp, handle).catch(() => undefined);
      sftp.end();
    },
  };
}
