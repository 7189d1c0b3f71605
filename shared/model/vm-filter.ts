// The filter language of the VM table, `virtdeck bulk --filter` and the core: whitespace-separated terms that must all
// match; `state:`, `host:`, `name:`, `tag:`, `ip:` restrict a term to one field (substring match; state by prefix).
// Keywords and state names in a UI language come in as FilterWords (the renderer knows its dictionaries; the core and
// the CLI know the ids: `state:running`, `tag:web`).
import { VM_STATES, type VmInfo, type VmState } from './vm.js';

export const FILTER_FIELDS = ['state', 'host', 'tag', 'ip', 'name'] as const;
export type FilterField = (typeof FILTER_FIELDS)[number];

/** How a front end's words map to fields and states. */
export interface FilterWords {
  /** The field a keyword names ("状态" → state), or undefined. */
  field(word: string): FilterField | undefined;
  /** The states whose name starts with `word` in some language. */
  statesNamed(word: string): readonly VmState[];
}

/** The ids only (what the CLI and the core understand). */
export const ID_WORDS: FilterWords = {
  field: (word) => (FILTER_FIELDS as readonly string[]).includes(word) ? (word as FilterField) : undefined,
  statesNamed: (word) => (word ? VM_STATES.filter((s) => s.startsWith(word)) : []),
};

export interface FilterTerm {
  field: 'any' | FilterField;
  value: string;
  /** States the value names in a UI language ("运行中" → running), besides the ids it starts. */
  states: readonly string[];
}

export function parseTerms(text: string, words: FilterWords = ID_WORDS): FilterTerm[] {
  const terms: FilterTerm[] = [];
  for (const raw of text.toLowerCase().split(/\s+/)) {
    if (!raw) continue;
    // A full-width colon is what a Chinese input method types.
    const colon = raw.search(/[:：]/);
    const field = colon > 0 ? words.field(raw.slice(0, colon)) : undefined;
    const value = field && colon < raw.length - 1 ? raw.slice(colon + 1) : raw;
    terms.push({ field: field && value !== raw ? field : 'any', value, states: words.statesNamed(value) });
  }
  return terms;
}

export type FilterableVm = Pick<VmInfo, 'host' | 'name' | 'state' | 'uuid' | 'ips' | 'tags'>;

function someIncludes(list: readonly string[], value: string): boolean {
  for (const s of list) if (s.toLowerCase().includes(value)) return true;
  return false;
}

/** True when the VM matches every term. */
export function matchesTerms(vm: FilterableVm, terms: readonly FilterTerm[]): boolean {
  for (const t of terms) {
    const v = t.value;
    let ok: boolean;
    switch (t.field) {
      case 'state':
        ok = vm.state.startsWith(v) || t.states.includes(vm.state);
        break;
      case 'host':
        ok = vm.host.toLowerCase().includes(v);
        break;
      case 'name':
        ok = vm.name.toLowerCase().includes(v);
        break;
      case 'tag':
        ok = someIncludes(vm.tags, v);
        break;
      case 'ip':
        ok = someIncludes(vm.ips, v);
        break;
      default:
        ok =
          vm.name.toLowerCase().includes(v) ||
          vm.host.toLowerCase().includes(v) ||
          vm.state.startsWith(v) ||
          t.states.includes(vm.state) ||
          vm.uuid.startsWith(v) ||
          someIncludes(vm.ips, v) ||
          someIncludes(vm.tags, v);
    }
    if (!ok) return false;
  }
  return true;
}

/** The VMs `text` matches, in their order. */
export function filterVms<T extends FilterableVm>(vms: readonly T[], text: string, words: FilterWords = ID_WORDS): T[] {
  const terms = parseTerms(text, words);
  return vms.filter((vm) => matchesTerms(vm, terms));
}
