// Names VirtDeck gives libvirt objects (pools, volumes, networks): safe as file names and in every shell and URL.
import { CoreError } from '../errors.js';

const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._+-]*$/;

/** Throws the CoreError of the rule the name breaks (name.empty, name.too-long, name.bad-chars). */
export function checkName(name: string, maxLength = 100): void {
  if (name.length === 0) throw new CoreError('name.empty', {});
  if (name.length > maxLength) throw new CoreError('name.too-long', { name, max: maxLength });
  if (!NAME_RE.test(name)) throw new CoreError('name.bad-chars', { name });
}
