// Arguments and flags many commands share, and the typed link from a table entry to its lazily loaded code.
import type { ArgDef, CommandDef, FlagDef, Run } from './types.js';

export const JSON_FLAG: FlagDef = { name: 'json', help: 'print JSON (for scripts) instead of a table' };
/** The VM table's filter language (shared/model/vm-filter.ts). */
export const FILTER_FLAG: FlagDef = {
  name: 'filter',
  value: 'EXPR',
  help: 'which VMs, as in the VM table: words that must all match; state: host: name: tag: ip: restrict one (tag:web state:running)',
};
export const HOST_FILTER: FlagDef = { name: 'host', value: 'NAME', complete: 'host', help: 'only this host (default: every host)' };
export const HOST_ARG: ArgDef = { name: 'HOST', complete: 'host' };
export const VM_ARG: ArgDef = { name: 'HOST/VM', complete: 'vm' };
export const AUTOSTART_FLAG: FlagDef = { name: 'autostart', help: 'start it when the host boots' };
/** The guest's name servers and search domains (cloud-init, IPAM). */
export const DNS_FLAGS: readonly FlagDef[] = [
  { name: 'dns', value: 'IP,…', help: 'name servers' },
  { name: 'search', value: 'DOMAIN,…', help: 'search domains' },
];

/** `<group> autostart ARG [--off]` of an object libvirt can start at boot (pool, network). */
export function autostartCommand(noun: string, arg: ArgDef, load: () => Promise<Run>): CommandDef {
  return { name: 'autostart', summary: `start a ${noun} when the host boots`, args: [arg], flags: [{ name: 'off', help: 'do not start it at boot' }], load };
}

/** `load` of a table entry: the module is imported only when the command runs (one chunk per module). */
export function from<K extends string, M extends Record<K, Run>>(load: () => Promise<M>, key: K): () => Promise<Run> {
  return async () => (await load())[key];
}
