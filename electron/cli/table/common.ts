// Arguments and flags many commands share, and the typed link from a table entry to its lazily loaded code.
import type { ArgDef, FlagDef, Run } from './types.js';

export const JSON_FLAG: FlagDef = { name: 'json', help: 'print JSON (for scripts) instead of a table' };
export const HOST_FILTER: FlagDef = { name: 'host', value: 'NAME', complete: 'host', help: 'only this host (default: every host)' };
export const HOST_ARG: ArgDef = { name: 'HOST', complete: 'host' };
export const VM_ARG: ArgDef = { name: 'HOST/VM', complete: 'vm' };

/** `load` of a table entry: the module is imported only when the command runs (one chunk per module). */
export function from<K extends string, M extends Record<K, Run>>(load: () => Promise<M>, key: K): () => Promise<Run> {
  return async () => (await load())[key];
}
