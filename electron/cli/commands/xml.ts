// virtdeck xml normalize [--kind KIND] < in.xml > out.xml: parse with the model, write back (lossless).
import { normalizeXml, type XmlKind } from '../../libvirt/xml/normalize.js';
import type { Run } from '../table/types.js';

export const normalize: Run = async (ctx, args) => {
  ctx.out.stdout(normalizeXml((args.get('kind') ?? 'domain') as XmlKind, await ctx.stdin()));
  return 0;
};
