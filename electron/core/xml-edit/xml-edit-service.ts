// The XML editor's two calls: read an object's persistent definition (domain, pool, volume, network) and define an
// edited one in its place with libvirt's schema validation. The text goes to libvirt as written — nothing is
// regenerated, so every element survives — except that graphics passwords, which front ends never see, are put
// back. A refusal changes nothing (libvirt's define is all or nothing) and names the line it is about.
import type { DefinableXmlKind, XmlObject } from '../../../shared/ipc/xml-schemas.js';
import { report } from '../../../shared/model/errors.js';
import { xmlErrorLine } from '../../../shared/model/xml-error-line.js';
import type { LibvirtApi } from '../../libvirt/api.js';
import { LibvirtError, VirErrorCode } from '../../libvirt/errors.js';
import { DomainDefineFlags, DomainXmlFlags, NetworkDefineFlags, StoragePoolDefineFlags } from '../../libvirt/protocol/index.js';
import { DomainXml } from '../../libvirt/xml/domain.js';
import { CoreError } from '../errors.js';
import type { HostRegistry } from '../hosts/host-registry.js';
import { foundOr, foundOrNull } from '../libvirt-errors.js';
import { findPool, findVolume } from '../storage/storage-lookup.js';
import { withoutGraphicsPasswords } from '../vms/public-xml.js';
import type { VmService } from '../vms/vm-service.js';
import { definitionIdentity } from './definition-identity.js';

/** What `current` reports when the object is not there. */
const NOT_FOUND: ReadonlySet<string> = new Set(['vm.not-found', 'pool.not-found', 'network.not-found']);

/** VIR_STORAGE_XML_INACTIVE and VIR_NETWORK_XML_INACTIVE: the persistent definition. */
const INACTIVE = 1;

export interface DefineRequest {
  host: string;
  kind: DefinableXmlKind;
  xml: string;
  replaces?: string | undefined;
  basedOn?: string | undefined;
}

export interface DefineOutcome {
  kind: DefinableXmlKind;
  name: string;
  uuid: string;
  created: boolean;
  previous: string | null;
}

/** The object a define replaces: who it is and its definition as the editor showed it. */
interface Current {
  name: string;
  uuid: string;
  xml: string;
}

export class XmlEditService {
  constructor(
    private readonly hosts: HostRegistry,
    private readonly vms: VmService,
  ) {}

  async read(target: XmlObject): Promise<string> {
    const lv = this.hosts.libvirt(target.host);
    switch (target.kind) {
      case 'domain': {
        const { dom } = await this.vms.live({ host: target.host, vm: target.name });
        return withoutGraphicsPasswords(await lv.domainGetXmlDesc(dom, DomainXmlFlags.INACTIVE));
      }
      case 'pool':
        return lv.storagePoolGetXmlDesc(await findPool(lv, target.host, target.name), INACTIVE);
      case 'volume': {
        const pool = await findPool(lv, target.host, target.pool);
        return lv.storageVolGetXmlDesc(await findVolume(lv, target.host, pool, target.name), 0);
      }
      case 'network':
        return lv.networkGetXmlDesc(await findNetwork(lv, target.host, target.name), INACTIVE);
    }
  }

  async define(req: DefineRequest): Promise<DefineOutcome> {
    const { host, kind } = req;
    const lv = this.hosts.libvirt(host);
    const id = definitionIdentity(req.xml);
    if (id.root !== kind) throw new CoreError('xml.wrong-kind', { kind, root: id.root });
    const current = req.replaces !== undefined ? await this.current(lv, host, kind, req.replaces) : await this.existing(lv, host, kind, id);
    if (current && req.replaces !== undefined && (id.uuid ? id.uuid !== current.uuid : id.name !== current.name)) {
      throw new CoreError('xml.other-object', { kind, name: current.name, uuid: current.uuid });
    }
    if (kind === 'domain' && current) this.refuseLocked(host, current);
    // Compare and set: an edit of a definition that changed meanwhile would undo that change unseen.
    if (req.basedOn !== undefined && current && current.xml !== req.basedOn) {
      throw new CoreError('xml.changed-meanwhile', { host, kind, name: current.name });
    }
    const name = id.name ?? current?.name ?? '';
    const refused = (err: unknown): unknown => {
      if (!(err instanceof LibvirtError)) return err;
      const line = xmlErrorLine(err.message, req.xml, current?.xml) ?? 0;
      return new CoreError('xml.define-refused', { host, kind, name, message: err.message, line }, { cause: err });
    };
    let defined: { name: string; uuid: string };
    try {
      defined = await this.send(lv, kind, current ? await keepGraphicsPasswords(lv, kind, current.uuid, req.xml) : req.xml);
    } catch (err) {
      throw refused(err);
    }
    if (kind === 'domain') await this.vms.refresh(host, lv, await lv.lookupDomainByUuid(defined.uuid));
    return { kind, name: defined.name, uuid: defined.uuid, created: !current, previous: current?.xml ?? null };
  }

  private send(lv: LibvirtApi, kind: DefinableXmlKind, xml: string): Promise<{ name: string; uuid: string }> {
    switch (kind) {
      case 'domain':
        return lv.domainDefineXml(xml, DomainDefineFlags.VALIDATE);
      case 'pool':
        return lv.storagePoolDefineXml(xml, StoragePoolDefineFlags.VALIDATE);
      case 'network':
        return lv.networkDefineXmlFlags(xml, NetworkDefineFlags.VALIDATE);
    }
  }

  /** The object being edited, which must exist. */
  private async current(lv: LibvirtApi, host: string, kind: DefinableXmlKind, name: string): Promise<Current> {
    switch (kind) {
      case 'domain': {
        const { dom } = await this.vms.live({ host, vm: name });
        return { name: dom.name, uuid: dom.uuid, xml: await this.read({ kind, host, name: dom.uuid }) };
      }
      case 'pool': {
        const ref = await findPool(lv, host, name);
        return { name: ref.name, uuid: ref.uuid, xml: await lv.storagePoolGetXmlDesc(ref, INACTIVE) };
      }
      case 'network': {
        const ref = await findNetwork(lv, host, name);
        return { name: ref.name, uuid: ref.uuid, xml: await lv.networkGetXmlDesc(ref, INACTIVE) };
      }
    }
  }

  /** The object a new definition would replace (by UUID, else name), or null when it names a new one. */
  private async existing(lv: LibvirtApi, host: string, kind: DefinableXmlKind, id: { name: string | null; uuid: string | null }): Promise<Current | null> {
    if (kind === 'domain' && id.uuid) {
      const dom = await foundOrNull(lv.lookupDomainByUuid(id.uuid), VirErrorCode.NO_DOMAIN);
      if (dom) return this.current(lv, host, kind, dom.uuid);
    }
    if (!id.name) return null;
    return this.current(lv, host, kind, id.name).catch((err: unknown) => {
      if (err instanceof CoreError && NOT_FOUND.has(err.code)) return null;
      throw err;
    });
  }

  private refuseLocked(host: string, current: Current): void {
    if (this.vms.list({ host }).some((v) => v.uuid === current.uuid && v.locked)) throw new CoreError('vm.locked', { host, vm: current.name });
  }
}

function findNetwork(lv: LibvirtApi, host: string, name: string) {
  return foundOr(lv.networkLookupByName(name), VirErrorCode.NO_NETWORK, report('network.not-found', { host, network: name }));
}

/**
 * The editor never sees graphics passwords (vms.xml leaves them out), so a graphics device of the edited text
 * without one takes the password its type has in the current definition; the text is otherwise sent as written.
 */
async function keepGraphicsPasswords(lv: LibvirtApi, kind: DefinableXmlKind, uuid: string, xml: string): Promise<string> {
  if (kind !== 'domain') return xml;
  const dom = await lv.lookupDomainByUuid(uuid);
  const secure = DomainXml.parse(await lv.domainGetXmlDesc(dom, DomainXmlFlags.INACTIVE | DomainXmlFlags.SECURE));
  const secrets = new Map(secure.graphics.filter((g) => g.passwd !== null).map((g) => [g.type, g.passwd]));
  if (secrets.size === 0) return xml;
  const edited = DomainXml.parse(xml);
  const missing = edited.graphics.filter((g) => g.passwd === null && secrets.has(g.type));
  if (missing.length === 0) return xml;
  for (const g of missing) g.passwd = secrets.get(g.type) ?? null;
  return edited.toXml();
}
