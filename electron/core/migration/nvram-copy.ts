// A shut-off UEFI VM's variable store (its <nvram> file: boot entries, Secure Boot keys) is not a volume, and
// undefining the VM on the source deletes it: offline migration copies the file host → host (a few MiB, in memory)
// to the same path before the VM is defined there, SHA-256 checked. The target must not have one already.
import { createHash } from 'node:crypto';
import { dirname } from 'node:path';
import type { DomainXml } from '../../libvirt/xml/domain.js';
import { CoreError } from '../errors.js';
import { hostExec, hostRun } from '../hosts/host-exec.js';
import { sha256, type Side } from './offline-copy.js';

const exists = async (side: Side, path: string): Promise<boolean> => (await hostExec(side.session, ['test', '-e', path])).code === 0;

/** The NVRAM file to copy (null without one, or when the source never made it); refuses one in the way on the target. */
export async function planNvramCopy(src: Side, dst: Side, xml: DomainXml): Promise<string | null> {
  const path = xml.nvram;
  if (path === null || !(await exists(src, path))) return null;
  if (await exists(dst, path)) throw new CoreError('migrate.volume-exists', { host: dst.session.config.name, path });
  return path;
}

export async function copyNvram(src: Side, dst: Side, path: string): Promise<void> {
  const read = await src.session.transport.exec(['cat', '--', path]);
  if (read.code !== 0) throw new CoreError('migrate.check-failed', { host: src.session.config.name, output: read.stderr.toString('utf8').trim() });
  await hostRun(dst.session, 'migrate.check-failed', ['mkdir', '-p', '--', dirname(path)]);
  // The path is the shell's $1, never part of the command text.
  await hostRun(dst.session, 'migrate.check-failed', ['sh', '-c', 'umask 077 && cat > "$1"', 'sh', path], read.stdout);
  const expected = createHash('sha256').update(read.stdout).digest('hex');
  const actual = await sha256(dst, path);
  if (actual !== expected) throw new CoreError('migrate.checksum-mismatch', { host: dst.session.config.name, path, expected, actual });
}

export async function removeNvram(dst: Side, path: string): Promise<void> {
  await hostExec(dst.session, ['rm', '-f', '--', path]);
}
