// Inputs of the XML editor's calls: which object's definition (domain, pool, volume, network) and a definition to
// define in place of the current one.
import { z } from 'zod';
import { lazySchema } from './lazy-schema.js';
import { hostName } from './schemas.js';
import { networkName } from './network-schemas.js';
import { objectName } from './storage-schemas.js';

export const XML_KINDS = ['domain', 'pool', 'volume', 'network'] as const;
/** The kinds whose definition can be edited (a volume's XML is shown, never defined). */
export const DEFINABLE_XML_KINDS = ['domain', 'pool', 'network'] as const;
export type DefinableXmlKind = (typeof DEFINABLE_XML_KINDS)[number];

/** A domain by name or UUID; a volume also names its pool. */
export const xmlObject = lazySchema(() => z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('domain'), host: hostName, name: z.string().min(1).max(1024) }).strict(),
  z.object({ kind: z.literal('pool'), host: hostName, name: objectName }).strict(),
  z.object({ kind: z.literal('volume'), host: hostName, pool: objectName, name: objectName }).strict(),
  z.object({ kind: z.literal('network'), host: hostName, name: networkName }).strict(),
]));
export type XmlObject = z.infer<typeof xmlObject>;

/** A definition is at most what libvirt's protocol carries in one string (1 MiB is far beyond any real one). */
const definitionText = lazySchema(() => z.string().min(1).max(1024 * 1024));

export const xmlDefineInput = lazySchema(() => z
  .object({
    host: hostName,
    kind: z.enum(DEFINABLE_XML_KINDS),
    xml: definitionText,
    /** The object being edited (name, or a domain's UUID): the XML must keep its UUID. Absent: define whatever it names. */
    replaces: z.string().min(1).max(1024).optional(),
    /** The definition the edit started from (as `xml.read` gave it): refused if the host's differs by now. */
    basedOn: definitionText.optional(),
  })
  .strict());

export const xmlDefineResult = lazySchema(() => z.object({
  kind: z.enum(DEFINABLE_XML_KINDS),
  name: z.string(),
  uuid: z.string(),
  /** True when no object of that UUID or name existed before. */
  created: z.boolean(),
  /** The definition it replaced, as `xml.read` showed it (null when created). */
  previous: z.string().nullable(),
}));
