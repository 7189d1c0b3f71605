// libvirt errors as the core reports them: a lookup of something that is not there becomes not-found (or null),
// any other libvirt failure the caller's code for what was being done, with libvirt's own message as a param.
import type { ErrorCode, ErrorParams, ErrorReport } from '../../shared/model/errors.js';
import { LibvirtError } from '../libvirt/errors.js';
import { CoreError } from './errors.js';

/** The lookup's result; libvirt's "no such …" (`noSuch`, a VirErrorCode) becomes the CoreError `notFound`. */
export async function foundOr<T>(lookup: Promise<T>, noSuch: number, notFound: ErrorReport): Promise<T> {
  try {
    return await lookup;
  } catch (err) {
    if (err instanceof LibvirtError && err.code === noSuch) throw CoreError.from(notFound, err);
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

/** The codes that report a failed libvirt call: their params include libvirt's `message`. */
type LibvirtFailureCode = { [C in ErrorCode]: ErrorParams<C> extends { readonly message: string; readonly host: string } ? C : never }[ErrorCode];

/** A libvirt failure as the CoreError `code` (with libvirt's message added to `params`); anything else as it is. */
export function libvirtError<C extends LibvirtFailureCode>(err: unknown, code: C, params: Omit<ErrorParams<C>, 'message'>): unknown {
  if (!(err instanceof LibvirtError)) return err;
  return new CoreError<C>(code, { ...params, message: err.message } as ErrorParams<C>, { cause: err });
}
