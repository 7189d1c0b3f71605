// <domainCapabilities> (virConnectGetDomainCapabilities), read only: what a host's hypervisor offers a domain of one
// emulator/arch/machine/virt type — here the firmware files, firmware kinds and TPM backends.
import { XmlRootModel } from './node-model.js';
import { XmlDoc, type XmlSchema } from './xml-doc.js';

const DOMAIN_CAPS_SCHEMA: XmlSchema = { root: 'domainCapabilities', namespaces: {}, order: {} };

export class DomainCapsXml extends XmlRootModel {
  static parse(xml: string): DomainCapsXml {
    return new DomainCapsXml(XmlDoc.parse(xml, DOMAIN_CAPS_SCHEMA));
  }

  private values(path: string): string[] {
    return this.doc.findElements(path, this.node).map((el) => (el.textContent ?? '').trim());
  }

  /** Firmware (loader) files the host offers. */
  get loaders(): string[] {
    return this.getString("./os/loader/@supported") === 'yes' ? this.values('./os/loader/value') : [];
  }

  /** Firmware kinds for <os firmware='…'> autoselection (bios, efi). */
  get firmwares(): string[] {
    return this.getString('./os/@supported') === 'yes' ? this.values("./os/enum[@name='firmware']/value") : [];
  }

  /** TPM backend models the host offers (emulator = swtpm, passthrough). */
  get tpmBackends(): string[] {
    return this.getString('./devices/tpm/@supported') === 'yes' ? this.values("./devices/tpm/enum[@name='backendModel']/value") : [];
  }
}
