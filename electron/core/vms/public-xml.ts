// Domain XML that leaves the core: graphics passwords removed, everything else as libvirt wrote it.
import { DomainXml } from '../../libvirt/xml/index.js';

export function withoutGraphicsPasswords(xml: string): string {
  const doc = DomainXml.parse(xml);
  const secret = doc.graphics.filter((g) => g.passwd !== null);
  if (secret.length === 0) return xml;
  for (const g of secret) g.passwd = null;
  return doc.toXml();
}
