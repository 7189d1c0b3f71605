// The facts a user keeps about a VM (tags, owner, notes, custom columns) and the rules their values follow: one place
// for the core (which refuses bad values), the CLI and the UI (which check before sending).

/** What a VM's domain XML says about it beyond libvirt (VirtDeck's metadata), shared by every VirtDeck on the host. */
export interface VmFacts {
  /** Protected from destructive actions (see vm-rules). */
  locked: boolean;
  owner: string | null;
  /** Multi-line; '' when none. */
  notes: string;
  /** Sorted. */
  tags: string[];
  /** Custom column values by column name. */
  fields: Record<string, string>;
}

/** A user-defined column: its values live on each VM, its definition in the local inventory. */
export const FACT_COLUMN_KINDS = ['text', 'date', 'choice'] as const;
export type FactColumnKind = (typeof FACT_COLUMN_KINDS)[number];

export interface FactColumn {
  name: string;
  kind: FactColumnKind;
  /** The allowed values of a choice column (empty for the other kinds). */
  choices: string[];
}

/** Tags: letters, digits and `_ . : @ /` (a `-` inside), up to 64; the CLI's +TAG/-TAG stay unambiguous. */
export const TAG_RE = /^[\p{L}\p{N}_.:@/][\p{L}\p{N}_.:@/-]{0,63}$/u;
/** Column names: lower-case identifiers, so `--columns a,b` and filters can name them. */
export const COLUMN_NAME_RE = /^[a-z][a-z0-9_-]{0,31}$/;
export const DATE_RE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
export const OWNER_MAX = 128;
export const NOTES_MAX = 16_384;
export const FIELD_VALUE_MAX = 1024;

/** Columns every VM has; custom ones may not take these names. */
export const BUILTIN_COLUMNS = ['host', 'name', 'uuid', 'state', 'vcpus', 'memory', 'ips', 'flags', 'tags', 'owner', 'notes', 'last-seen'] as const;

export const isTag = (tag: string): boolean => TAG_RE.test(tag);

/** Tag words as the CLI and the bulk tag box take them: +TAG or TAG adds, -TAG removes. */
export function tagChanges(words: readonly string[]): { add: string[]; remove: string[] } {
  const add: string[] = [];
  const remove: string[] = [];
  for (const w of words) {
    if (w.startsWith('-')) remove.push(w.slice(1));
    else add.push(w.startsWith('+') ? w.slice(1) : w);
  }
  return { add, remove };
}

/** True when `value` fits the column (an empty value clears and always fits). */
export function fitsColumn(column: FactColumn, value: string): boolean {
  if (value === '') return true;
  if (value.length > FIELD_VALUE_MAX) return false;
  if (column.kind === 'date') return DATE_RE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
  if (column.kind === 'choice') return column.choices.includes(value);
  return true;
}
