// virtdeck xml normalize [--kind KIND] < in.xml > out.xml: parse with the model, write back (lossless).
import { normalizeXml, type XmlKind } from '../../libvirt/xml/normalize.js';
import { parseArgs, UsageError } from '../args.js';
import type { Out } from '../output.js';

const KINDS: readonly XmlKind[] = ['domain', 'pool', 'volume', 'network', 'snapshot'];

export async function xmlCommand(argv: string[], out: Out, stdin: () => Promise<string>): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'normalize') throw new UsageError('usage: virtdeck xml normalize [--kind domain|pool|volume|network|snapshot]');
  const args = parseArgs(rest, { kind: { value: true } });
  const kind = (args.get('kind') ?? 'domain') as XmlKind;
  if (!KINDS.includes(kind)) throw new UsageError(`--kind must be one of ${KINDS.join(', ')}`);
  out.stdout(normalizeXml(kind, await stdin()));
  return 0;
}
