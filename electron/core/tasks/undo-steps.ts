// The steps a multi-step task records to take its changes back: plain data (they are stored in the inventory and
// may be carried out by a later process), and how each one is undone on a host. Every step is idempotent: when its
// object is already gone the step counts as done, so running a step twice (after a crash, or by two processes
// that both thought it pending) changes nothing more.
import type { LibvirtConnection } from '../../libvirt/connection.js';
import { VirErrorCode } from '../../libvirt/errors.js';
import { DomainUndefineFlags } from '../../libvirt/protocol/index.js';
import type { HostExecResult } from '../hosts/host-exec.js';
import { foundOrNull } from '../libvirt-errors.js';

export type UndoStep =
  /** Stop (if running) and undefine the domain with this uuid. */
  | { kind: 'remove-domain'; uuid: string; name: string }
  /** Put the domain's previous definition back (unless the domain is gone). */
  | { kind: 'define-domain'; uuid: string; name: string; xml: string }
  | { kind: 'delete-volume'; pool: string; name: string }
  /** Stop (if running) and undefine the pool, if the pool of that name is still the one with this uuid. */
  | { kind: 'remove-pool'; uuid: string; name: string }
  | { kind: 'delete-file'; path: string }
  /** Give the address back to IPAM; recorded first, so undone last, once the host side is clean. */
  | { kind: 'release-ip'; network: string; ip: string };

export type UndoKind = UndoStep['kind'];

/** The libvirt calls the steps use (a test can hand in a small fake). */
export type UndoLibvirt = Pick<
  LibvirtConnection,
  | 'lookupDomainByUuid' | 'domainIsActive' | 'domainDestroy' | 'domainUndefine' | 'domainDefineXml'
  | 'storagePoolLookupByName' | 'storageVolLookupByName' | 'storageVolDelete'
  | 'storagePoolIsActive' | 'storagePoolDestroy' | 'storagePoolUndefine'
>;

/** Where steps are undone: one host's current connection and its inventory rows. */
export interface UndoTarget {
  lv: UndoLibvirt;
  exec(argv: readonly string[]): Promise<HostExecResult>;
  releaseIp(network: string, ip: string): Promise<void> | void;
}

const FIELDS: { [K in UndoKind]: ReadonlyArray<Exclude<keyof Extract<UndoStep, { kind: K }>, 'kind'>> } = {
  'remove-domain': ['uuid', 'name'],
  'define-domain': ['uuid', 'name', 'xml'],
  'delete-volume': ['pool', 'name'],
  'remove-pool': ['uuid', 'name'],
  'delete-file': ['path'],
  'release-ip': ['network', 'ip'],
};

/** A stored value is a step this VirtDeck knows (a newer one may have written kinds it does not). */
export function isUndoStep(v: unknown): v is UndoStep {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  const fields = Object.hasOwn(FIELDS, r.kind as string) ? (FIELDS[r.kind as UndoKind] as readonly string[]) : null;
  return fields !== null && fields.every((f) => typeof r[f] === 'string');
}

/** What the step takes back, for messages ("volume default/web1.qcow2"). */
export function describeStep(s: UndoStep): string {
  switch (s.kind) {
    case 'remove-domain':
    case 'define-domain':
    case 'remove-pool':
      return s.name;
    case 'delete-volume':
      return `${s.pool}/${s.name}`;
    case 'delete-file':
      return s.path;
    case 'release-ip':
      return s.ip;
  }
}

/** Resolves when the call succeeded or libvirt answered `code` (the state it would bring about is there already). */
async function unless(call: Promise<unknown>, code: number): Promise<void> {
  await foundOrNull(call, code);
}

const UNDO: { [K in UndoKind]: (step: Extract<UndoStep, { kind: K }>, t: UndoTarget) => Promise<void> } = {
  'remove-domain': async ({ uuid }, { lv }) => {
    const dom = await foundOrNull(lv.lookupDomainByUuid(uuid), VirErrorCode.NO_DOMAIN);
    if (!dom) return;
    if (await lv.domainIsActive(dom)) await unless(lv.domainDestroy(dom), VirErrorCode.OPERATION_INVALID);
    const flags = DomainUndefineFlags.MANAGED_SAVE | DomainUndefineFlags.SNAPSHOTS_METADATA | DomainUndefineFlags.NVRAM;
    await unless(lv.domainUndefine(dom, flags), VirErrorCode.NO_DOMAIN);
  },
  'define-domain': async ({ uuid, xml }, { lv }) => {
    if (await foundOrNull(lv.lookupDomainByUuid(uuid), VirErrorCode.NO_DOMAIN)) await lv.domainDefineXml(xml);
  },
  'delete-volume': async ({ pool, name }, { lv }) => {
    const p = await foundOrNull(lv.storagePoolLookupByName(pool), VirErrorCode.NO_STORAGE_POOL);
    const vol = p && (await foundOrNull(lv.storageVolLookupByName(p, name), VirErrorCode.NO_STORAGE_VOL));
    if (vol) await unless(lv.storageVolDelete(vol), VirErrorCode.NO_STORAGE_VOL);
  },
  'remove-pool': async ({ uuid, name }, { lv }) => {
    const p = await foundOrNull(lv.storagePoolLookupByName(name), VirErrorCode.NO_STORAGE_POOL);
    if (!p || p.uuid !== uuid) return;
    if (await lv.storagePoolIsActive(p)) await unless(lv.storagePoolDestroy(p), VirErrorCode.OPERATION_INVALID);
    await unless(lv.storagePoolUndefine(p), VirErrorCode.NO_STORAGE_POOL);
  },
  'delete-file': async ({ path }, { exec }) => {
    const r = await exec(['rm', '-f', '--', path]);
    if (r.code !== 0) throw new Error(`rm ${path}: ${r.stderr.trim() || `exit ${r.code ?? 'signal'}`}`);
  },
  'release-ip': async ({ network, ip }, { releaseIp }) => {
    await releaseIp(network, ip);
  },
};

export function undoStep(step: UndoStep, target: UndoTarget): Promise<void> {
  return (UNDO[step.kind] as (s: UndoStep, t: UndoTarget) => Promise<void>)(step, target);
}
