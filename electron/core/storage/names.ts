// Names VirtDeck gives libvirt objects (pools, volumes, networks): safe as file names and in every shell and URL.
import { CoreError } from '../errors.js';

const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._+-]*$/;

/** Throws CoreError('invalid') naming the rule the name breaks. */
export function checkName(kind: string, name: string, maxLength = 100): void {
  if (name.length === 0) throw new CoreError('invalid', `${kind} name is empty`);
  if (name.length > maxLength) throw new CoreError('invalid', `${kind} name "${name}" is longer than ${maxLength} characters`);
  if (!NAME_RE.test(name)) {
    throw new CoreError(
      'invalid',
      `${kind} name "${name}" may only contain letters, digits, ".", "_", "+" and "-", and must start with a letter or digit`,
    );
  }
}
