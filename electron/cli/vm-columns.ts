// The columns `vm list` can show: the built-in ones and, by name, the custom fact columns.
import type { VmInfo } from '../../shared/model/vm.js';
import { ago } from './output.js';

function flags(v: VmInfo): string {
  return [v.autostart ? 'autostart' : '', v.locked ? 'locked' : '', v.persistent ? '' : 'transient', v.stale ? 'STALE' : '']
    .filter(Boolean)
    .join(',');
}

/** The first line of the notes, marked when more follow. */
function firstLine(notes: string): string {
  const [head = '', ...more] = notes.split('\n');
  return more.length > 0 ? `${head} …` : head;
}

const BUILT_IN: Record<string, { header: string; cell: (v: VmInfo) => string }> = {
  host: { header: 'host', cell: (v) => v.host },
  name: { header: 'name', cell: (v) => v.name },
  uuid: { header: 'uuid', cell: (v) => v.uuid },
  state: { header: 'state', cell: (v) => v.state },
  vcpus: { header: 'vcpus', cell: (v) => String(v.vcpus) },
  memory: { header: 'memory', cell: (v) => `${v.memoryMiB} MiB` },
  ips: { header: 'ips', cell: (v) => v.ips.join(',') },
  flags: { header: 'flags', cell: flags },
  tags: { header: 'tags', cell: (v) => v.tags.join(',') },
  owner: { header: 'owner', cell: (v) => v.owner ?? '' },
  notes: { header: 'notes', cell: (v) => firstLine(v.notes) },
  'last-seen': { header: 'last seen', cell: (v) => (v.stale ? ago(v.lastSeen) : 'now') },
};

export const LIST_COLUMNS = Object.keys(BUILT_IN);
export const DEFAULT_LIST_COLUMNS = ['host', 'name', 'state', 'vcpus', 'memory', 'ips', 'flags', 'last-seen'];

export interface ListColumn {
  header: string;
  cell: (v: VmInfo) => string;
}

/** A built-in column, or a custom one (its value on each VM); null for a name that is neither. */
export function listColumn(name: string, custom: readonly string[]): ListColumn | null {
  const builtIn = BUILT_IN[name];
  if (builtIn) return builtIn;
  return custom.includes(name) ? { header: name, cell: (v) => v.fields[name] ?? '' } : null;
}
