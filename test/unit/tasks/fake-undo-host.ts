// A host as the undo steps see it: domains, pools with volumes, files, a link that can drop. libvirt's answers for
// missing objects are real LibvirtErrors with libvirt's codes, so "already gone" is judged as on a real host.
import type { HostExecResult } from '../../../electron/core/hosts/host-exec.js';
import type { UndoHosts } from '../../../electron/core/tasks/undo-journal.js';
import type { UndoLibvirt } from '../../../electron/core/tasks/undo-steps.js';
import { LibvirtConnectionClosedError, LibvirtError, VirErrorCode } from '../../../electron/libvirt/errors.js';
import type { DomainRef, StoragePoolRef, StorageVolRef } from '../../../electron/libvirt/protocol/index.js';

interface Dom { name: string; active: boolean; xml: string }
interface Pool { uuid: string; active: boolean; volumes: Set<string> }

function virError(code: number, message: string): LibvirtError {
  return new LibvirtError({ code, domain: 0, message, level: 2, str1: null, str2: null, str3: null, int1: 0, int2: 0 });
}

export class FakeUndoHost {
  readonly domains = new Map<string, Dom>();
  readonly pools = new Map<string, Pool>();
  readonly files = new Set<string>();
  /** Every call that changed something, in order ("undefine web1", "delete default/web1.qcow2", …). */
  readonly log: string[] = [];
  online = true;
  reconnects = 0;
  /** Calls of this name fail with a libvirt error (the host refuses). */
  refuse = new Set<string>();
  /** Called when a reconnect is asked for (a test may bring the host back there). */
  onReconnect: () => void = () => undefined;

  private check(call: string): void {
    if (!this.online) throw new LibvirtConnectionClosedError('connection closed');
    if (this.refuse.has(call)) throw virError(VirErrorCode.OPERATION_FAILED, `${call} refused`);
  }

  private dom(uuid: string): Dom {
    const d = this.domains.get(uuid);
    if (!d) throw virError(VirErrorCode.NO_DOMAIN, `no domain ${uuid}`);
    return d;
  }

  private pool(name: string): Pool {
    const p = this.pools.get(name);
    if (!p) throw virError(VirErrorCode.NO_STORAGE_POOL, `no pool ${name}`);
    return p;
  }

  readonly lv: UndoLibvirt = {
    lookupDomainByUuid: async (uuid) => {
      this.check('lookupDomainByUuid');
      return { name: this.dom(uuid).name, uuid, id: this.dom(uuid).active ? 1 : -1 };
    },
    domainIsActive: async (d: DomainRef) => (this.check('domainIsActive'), this.dom(d.uuid).active),
    domainDestroy: async (d: DomainRef) => {
      this.check('domainDestroy');
      const dom = this.dom(d.uuid);
      if (!dom.active) throw virError(VirErrorCode.OPERATION_INVALID, 'domain is not running');
      dom.active = false;
      this.log.push(`destroy ${dom.name}`);
    },
    domainUndefine: async (d: DomainRef) => {
      this.check('domainUndefine');
      this.log.push(`undefine ${this.dom(d.uuid).name}`);
      this.domains.delete(d.uuid);
    },
    domainDefineXml: async (xml: string) => {
      this.check('domainDefineXml');
      const [, name = '', uuid = ''] = /<name>(.*)<\/name><uuid>(.*)<\/uuid>/.exec(xml) ?? [];
      const old = this.domains.get(uuid);
      this.domains.set(uuid, { name, active: old?.active ?? false, xml });
      this.log.push(`define ${name}`);
      return { name, uuid, id: -1 };
    },
    storagePoolLookupByName: async (name) => (this.check('storagePoolLookupByName'), { name, uuid: this.pool(name).uuid }),
    storageVolLookupByName: async (p: StoragePoolRef, name: string): Promise<StorageVolRef> => {
      this.check('storageVolLookupByName');
      if (!this.pool(p.name).volumes.has(name)) throw virError(VirErrorCode.NO_STORAGE_VOL, `no volume ${name}`);
      return { pool: p.name, name, key: `${p.name}/${name}` };
    },
    storageVolDelete: async (v: StorageVolRef) => {
      this.check('storageVolDelete');
      this.pool(v.pool).volumes.delete(v.name);
      this.log.push(`delete ${v.pool}/${v.name}`);
    },
    storagePoolIsActive: async (p: StoragePoolRef) => (this.check('storagePoolIsActive'), this.pool(p.name).active),
    storagePoolDestroy: async (p: StoragePoolRef) => {
      this.check('storagePoolDestroy');
      this.pool(p.name).active = false;
      this.log.push(`stop pool ${p.name}`);
    },
    storagePoolUndefine: async (p: StoragePoolRef) => {
      this.check('storagePoolUndefine');
      this.pool(p.name);
      this.pools.delete(p.name);
      this.log.push(`undefine pool ${p.name}`);
    },
  };

  readonly hosts: UndoHosts = {
    live: () => (this.online ? this.lv : null),
    exec: async (_host, argv): Promise<HostExecResult> => {
      this.check('exec');
      const path = argv.at(-1) as string;
      if (argv[0] === 'rm' && this.files.delete(path)) this.log.push(`rm ${path}`);
      return { code: 0, stdout: '', stderr: '' };
    },
    reconnect: () => {
      this.reconnects++;
      this.onReconnect();
    },
  };
}
