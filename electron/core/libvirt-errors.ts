// libvirt errors as the core reports them: a lookup of something that is not there becomes not-found (or null),
// any other libvirt failure a 'libvirt' CoreError that says what was being done.
import { LibvirtError } from '../libvirt/errors.js';
import { CoreError } from './errors.js';

/** The lookup's result; libvirt's "no such …" (`noSuch`, a VirErrorCode) becomes not-found with `message`. */
export async function foundOr<T>(lookup: Promise<T>, noSuch: number, message: string): Promise<T> {
  try {
    return await lookup;
  } catch (err) {
    if (err instanceof LibvirtError && err.code === noSuch) throw new CoreError('not-found', message, { cause: err });
    throw err;
  }
}

/** The lookup's result, or null when libvirt says there is no such object (`noSuch`, a VirErrorCode). */
export async function foundOrNull<T>(lookup: Promise<T>, noSuch: number): Promise<T | null> {
  try {
    return await lookup;
  } catch (err) {
    if (err instanceof LibvirtError && err.code === noSuch) return null;
    throw err;
  }
}

/** A libvirt failure as CoreError 'libvirt' prefixed with `context`; anything else as it is. */
export function libvirtError(err: unknown, context: string): unknown {
  if (err instanceof LibvirtError) return new CoreError('libvirt', `${context}: ${err.message}`, { cause: err });
  return err;
}
