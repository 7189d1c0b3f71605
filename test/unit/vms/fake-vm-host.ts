// A fake libvirt host for VmService unit tests: domains with a state, libvirt's lifecycle events on demand, and
// reads that can be held back (a gate), so a test can make a slow read finish after a later, fast one.
import { EventEmitter } from 'node:events';
import type { HostRegistry } from '../../../electron/core/hosts/host-registry.js';
import type { Inventory } from '../../../electron/inventory/inventory.js';
import type { LibvirtConnection } from '../../../electron/libvirt/connection.js';
import { LibvirtError } from '../../../electron/libvirt/errors.js';
import type { DomainEvent } from '../../../electron/libvirt/events.js';
import { DomainEventId, type DomainRef } from '../../../electron/libvirt/protocol/index.js';
import { VM_STATES, type VmState } from '../../../shared/model/vm.js';

const NO_DOMAIN = 42;

function noDomain(uuid: string): LibvirtError {
  return new LibvirtError({ code: NO_DOMAIN, domain: 10, message: `no domain ${uuid}`, level: 2, str1: null, str2: null, str3: null, int1: -1, int2: -1 });
}

export class FakeVmHost extends EventEmitter {
  readonly domains = new Map<string, { name: string; state: VmState }>();
  /** While set, each domainGetInfo answers (with the state it saw when called) only once the gate opens. */
  gate: Promise<void> | null = null;
  /** Calls made, by method name. */
  readonly calls: string[] = [];
  /** Per domain uuid: its metadata elements by namespace URI, as libvirt would print them. */
  readonly metadata = new Map<string, Map<string, string>>();

  private metadataXml(uuid: string): string {
    return [...(this.metadata.get(uuid)?.values() ?? [])].join('');
  }
  /** A domain's `<devices>` element in its XML (none when unset). */
  readonly devices = new Map<string, string>();
  /** Addresses the DHCP leases give each MAC. */
  readonly leases = new Map<string, string>();

  define(uuid: string, name: string, state: VmState): DomainRef {
    this.domains.set(uuid, { name, state });
    return this.ref(uuid);
  }

  ref(uuid: string): DomainRef {
    const d = this.domains.get(uuid);
    return { uuid, name: d?.name ?? 'gone', id: d?.state === 'running' ? 1 : -1 };
  }

  /** Changes the state and delivers libvirt's lifecycle event for it. */
  change(uuid: string, state: VmState, event: string): void {
    const d = this.domains.get(uuid);
    if (!d) throw new Error(`no domain ${uuid}`);
    d.state = state;
    const e: DomainEvent = { callbackId: 1, eventId: DomainEventId.LIFECYCLE, kind: 'lifecycle', dom: this.ref(uuid), event, detail: '' };
    this.emit('domain-event', e);
  }

  private find(dom: DomainRef): { name: string; state: VmState } {
    const d = this.domains.get(dom.uuid);
    if (!d) throw noDomain(dom.uuid);
    return d;
  }

  /** The libvirt calls VmService makes, answering from `domains`. */
  readonly api = {
    on: (event: string, fn: (e: DomainEvent) => void) => this.on(event, fn),
    registerDomainEvent: async () => 1,
    listAllDomains: async () => [...this.domains.keys()].map((uuid) => this.ref(uuid)),
    lookupDomainByUuid: async (uuid: string) => (this.find({ uuid, name: '', id: -1 }), this.ref(uuid)),
    domainGetInfo: async (dom: DomainRef) => {
      this.calls.push('domainGetInfo');
      const state = this.find(dom).state;
      if (this.gate) await this.gate;
      return { state, maxMemKiB: 32768, memoryKiB: 32768, nrVirtCpu: 1, cpuTimeNs: 0 };
    },
    domainGetXmlDesc: async (dom: DomainRef) =>
      `<domain type='qemu'><name>${this.find(dom).name}</name><uuid>${dom.uuid}</uuid>${this.devices.get(dom.uuid) ?? ''}<metadata>${this.metadataXml(dom.uuid)}</metadata></domain>`,
    domainGetMetadata: async (dom: DomainRef, _type: number, uri: string) => {
      const xml = this.metadata.get(this.find(dom) && dom.uuid)?.get(uri);
      if (xml === undefined) throw new LibvirtError({ code: 80, domain: 20, message: 'metadata not found', level: 2, str1: null, str2: null, str3: null, int1: -1, int2: -1 });
      return xml;
    },
    domainIsActive: async (dom: DomainRef) => this.find(dom).state === 'running',
    /** As libvirt: the element of namespace `uri` is replaced (null: removed); the others stay. */
    domainSetMetadata: async (dom: DomainRef, _type: number, xml: string | null, key: string | null, uri: string, flags: number) => {
      this.find(dom);
      this.calls.push(`domainSetMetadata ${flags}`);
      const elements = this.metadata.get(dom.uuid) ?? new Map<string, string>();
      this.metadata.set(dom.uuid, elements);
      if (xml === null) elements.delete(uri);
      else elements.set(uri, xml.replace(/^<(\w+)>(.*)<\/\1>$/s, `<${key}:$1 xmlns:${key}="${uri}">$2</${key}:$1>`));
    },
    domainGetAutostart: async (dom: DomainRef) => (this.find(dom), false),
    domainIsPersistent: async (dom: DomainRef) => (this.find(dom), true),
    domainInterfaceAddresses: async (_dom: DomainRef, source: number) => {
      this.calls.push(`domainInterfaceAddresses:${source}`);
      return [...this.leases].map(([hwaddr, addr]) => ({ name: 'vnet0', hwaddr, addrs: [{ type: 'ipv4' as const, addr, prefix: 24 }] }));
    },
    domainGetState: async (dom: DomainRef) => {
      this.calls.push('domainGetState');
      return { state: this.find(dom).state, reason: 0 };
    },
    domainShutdown: async (dom: DomainRef) => {
      this.find(dom);
    },
    getAllDomainStats: async () => {
      this.calls.push('getAllDomainStats');
      return [...this.domains.entries()].map(([uuid, d]) => ({ dom: this.ref(uuid), params: { 'state.state': VM_STATES.indexOf(d.state) } }));
    },
  };

  get lv(): LibvirtConnection {
    return this.api as unknown as LibvirtConnection;
  }

  /** The parts of HostRegistry VmService uses, for host `name` of `inventory`, always online. */
  registry(inventory: Inventory): HostRegistry {
    const config = (name: string) => {
      const cfg = inventory.getHost(name);
      if (!cfg) throw new Error(`no host ${name}`);
      return cfg;
    };
    const registry = {
      config,
      libvirt: (name: string) => (config(name), this.lv),
      get: (name: string) => (config(name), { libvirt: () => this.lv }),
      isOnline: () => true,
    };
    return registry as unknown as HostRegistry;
  }
}
