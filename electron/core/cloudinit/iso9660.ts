// A minimal ISO 9660 (ECMA-119) image writer for a handful of small files in the root directory,
// with a Joliet supplementary volume descriptor so that Linux, Windows and macOS see the names
// exactly as given (lowercase, dashes). The primary descriptor carries level-1 8.3 names for
// readers without Joliet. Pure: bytes in, bytes out.
//
// Layout (2048-byte sectors):
//   0-15 system area (zeros) | 16 primary VD | 17 Joliet SVD | 18 terminator
//   19-20 primary L/M path tables | 21-22 Joliet L/M path tables
//   primary root directory | Joliet root directory | file data (each file starts on a sector)

import { ascii, asciiField, be32, both16, both32, compareBytes, le32, ucs2, ucs2Field } from './iso9660-encoding.js';

export interface IsoFile {
  /** File name in the root directory, as the reader should see it (Joliet), e.g. `user-data`. */
  name: string;
  data: Uint8Array;
}

export interface IsoOptions {
  /** Volume identifier, at most 16 characters (the Joliet field holds 16 UCS-2 characters). */
  volumeId: string;
  files: readonly IsoFile[];
  /** Recording time of the volume and its files; defaults to now. Stored as UTC. */
  date?: Date;
  /** Application identifier written in both descriptors. */
  applicationId?: string;
}

const SECTOR = 2048;
const FIRST_DESCRIPTOR = 16;
const PATH_TABLES = 19; // 4 sectors: primary L, primary M, Joliet L, Joliet M
const ROOT_DIRS = 23;
const JOLIET_MAX_NAME = 64; // UCS-2 characters in a Joliet file identifier
const PATH_TABLE_SIZE = 10; // the root is the only directory: one record, identifier 0x00 + padding

type Naming = 'primary' | 'joliet';

interface Placed {
  data: Uint8Array;
  sector: number;
}

/** Build the image. Throws on names or a volume id the format cannot hold. */
export function buildIso9660(options: IsoOptions): Uint8Array {
  const date = options.date ?? new Date();
  checkVolumeId(options.volumeId);
  checkFiles(options.files);
  const files = options.files;
  const primaryNames = levelOneNames(files.map((f) => f.name));

  const ids: Record<Naming, Uint8Array[]> = {
    primary: primaryNames.map(ascii),
    joliet: files.map((f) => ucs2(f.name)),
  };
  // Directory sizes depend only on names, so they are known before any sector is assigned.
  const primaryDirSectors = directorySectors(ids.primary.map((id) => id.length));
  const jolietDirSectors = directorySectors(ids.joliet.map((id) => id.length));
  const primaryRoot = ROOT_DIRS;
  const jolietRoot = primaryRoot + primaryDirSectors;

  let next = jolietRoot + jolietDirSectors;
  const placed = files.map((f): Placed => {
    const p = { data: f.data, sector: next };
    next += Math.ceil(f.data.length / SECTOR);
    return p;
  });
  const totalSectors = next;

  const image = new Uint8Array(totalSectors * SECTOR);
  const roots: Record<Naming, { sector: number; sectors: number }> = {
    primary: { sector: primaryRoot, sectors: primaryDirSectors },
    joliet: { sector: jolietRoot, sectors: jolietDirSectors },
  };
  const common = { date, totalSectors, applicationId: options.applicationId ?? '', volumeId: options.volumeId };
  image.set(volumeDescriptor('primary', { ...common, root: roots.primary, pathTable: PATH_TABLES }), FIRST_DESCRIPTOR * SECTOR);
  image.set(volumeDescriptor('joliet', { ...common, root: roots.joliet, pathTable: PATH_TABLES + 2 }), (FIRST_DESCRIPTOR + 1) * SECTOR);
  image.set(terminator(), (FIRST_DESCRIPTOR + 2) * SECTOR);
  for (const [i, root] of [roots.primary, roots.joliet].entries()) {
    image.set(pathTableRecord(root.sector, 'le'), (PATH_TABLES + 2 * i) * SECTOR);
    image.set(pathTableRecord(root.sector, 'be'), (PATH_TABLES + 2 * i + 1) * SECTOR);
  }
  image.set(directory(roots.primary, ids.primary, placed, date), primaryRoot * SECTOR);
  image.set(directory(roots.joliet, ids.joliet, placed, date), jolietRoot * SECTOR);
  for (const p of placed) image.set(p.data, p.sector * SECTOR);
  return image;
}

function checkVolumeId(id: string): void {
  if (id.length === 0 || id.length > 16) throw new Error(`volume id must have 1-16 characters, got ${JSON.stringify(id)}`);
  if (!/^[\x20-\x7e]+$/.test(id)) throw new Error(`volume id must be printable ASCII, got ${JSON.stringify(id)}`);
}

function checkFiles(files: readonly IsoFile[]): void {
  const seen = new Set<string>();
  for (const f of files) {
    if (f.name.length === 0 || f.name.length > JOLIET_MAX_NAME) {
      throw new Error(`file name must have 1-${JOLIET_MAX_NAME} characters: ${JSON.stringify(f.name)}`);
    }
    // Joliet forbids * / : ; ? \ and control characters; names with a dot at the end are ambiguous.
    if (/[\x00-\x1f*/:;?\\]/.test(f.name) || f.name === '.' || f.name === '..' || f.name.endsWith('.')) {
      throw new Error(`file name not allowed in an ISO 9660/Joliet image: ${JSON.stringify(f.name)}`);
    }
    if ([...f.name].some((c) => c.codePointAt(0)! > 0xffff)) throw new Error(`file name outside UCS-2: ${JSON.stringify(f.name)}`);
    if (seen.has(f.name)) throw new Error(`duplicate file name ${JSON.stringify(f.name)}`);
    seen.add(f.name);
  }
}

/** ISO 9660 level 1 identifiers `NAME.EXT;1` (8.3, d-characters), unique within the directory. */
export function levelOneNames(names: readonly string[]): string[] {
  const used = new Set<string>();
  return names.map((name) => {
    const dot = name.lastIndexOf('.');
    const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot + 1)] : [name, ''];
    const clean = (s: string, max: number) => s.toUpperCase().replace(/[^A-Z0-9_]/g, '_').slice(0, max);
    const base = clean(stem, 8) || '_';
    const extension = clean(ext, 3);
    let candidate = base;
    for (let n = 1; used.has(`${candidate}.${extension}`); n++) {
      const suffix = String(n);
      candidate = base.slice(0, 8 - suffix.length) + suffix;
    }
    used.add(`${candidate}.${extension}`);
    return `${candidate}.${extension};1`;
  });
}

// ---------------------------------------------------------------- volume descriptors

interface DescriptorFields {
  date: Date;
  totalSectors: number;
  applicationId: string;
  volumeId: string;
  root: { sector: number; sectors: number };
  pathTable: number;
}

/** Primary (type 1) or Joliet supplementary (type 2) volume descriptor, ECMA-119 8.4 / 8.5. */
function volumeDescriptor(kind: Naming, f: DescriptorFields): Uint8Array {
  const d = new Uint8Array(SECTOR);
  const text = (offset: number, length: number, value: string) =>
    d.set(kind === 'joliet' ? ucs2Field(value, length) : asciiField(value, length), offset);
  d[0] = kind === 'joliet' ? 2 : 1;
  d.set(ascii('CD001'), 1);
  d[6] = 1; // version
  text(8, 32, ''); // system identifier
  text(40, 32, f.volumeId);
  both32(d, 80, f.totalSectors);
  // UCS-2 level 3 escape sequence: this is what marks a type-2 descriptor as Joliet.
  if (kind === 'joliet') d.set(ascii('%/E'), 88);
  both16(d, 120, 1); // volume set size
  both16(d, 124, 1); // volume sequence number
  both16(d, 128, SECTOR);
  both32(d, 132, PATH_TABLE_SIZE);
  le32(d, 140, f.pathTable); // L table; optional L table at 144 stays 0
  be32(d, 148, f.pathTable + 1); // M table; optional M table at 152 stays 0
  d.set(directoryRecord({ id: Uint8Array.of(0), sector: f.root.sector, size: f.root.sectors * SECTOR, dir: true, date: f.date }), 156);
  text(190, 128, ''); // volume set
  text(318, 128, ''); // publisher
  text(446, 128, ''); // data preparer
  text(574, 128, f.applicationId);
  text(702, 37, ''); // copyright file
  text(739, 37, ''); // abstract file
  text(776, 37, ''); // bibliographic file
  d.set(volumeDate(f.date), 813); // creation
  d.set(volumeDate(f.date), 830); // modification
  d.set(volumeDate(undefined), 847); // expiration: not specified
  d.set(volumeDate(f.date), 864); // effective
  d[881] = 1; // file structure version
  return d;
}

function terminator(): Uint8Array {
  const d = new Uint8Array(SECTOR);
  d[0] = 255;
  d.set(ascii('CD001'), 1);
  d[6] = 1;
  return d;
}

/** 17-byte "YYYYMMDDHHMMSScc" + GMT offset (ECMA-119 8.4.26.1); all zeros digits = not specified. */
function volumeDate(date: Date | undefined): Uint8Array {
  const out = new Uint8Array(17);
  if (!date) {
    out.set(ascii('0'.repeat(16)));
    return out;
  }
  const p = (n: number, w: number) => String(n).padStart(w, '0');
  const s = p(date.getUTCFullYear(), 4) + p(date.getUTCMonth() + 1, 2) + p(date.getUTCDate(), 2) +
    p(date.getUTCHours(), 2) + p(date.getUTCMinutes(), 2) + p(date.getUTCSeconds(), 2) +
    p(Math.floor(date.getUTCMilliseconds() / 10), 2);
  out.set(ascii(s));
  out[16] = 0; // UTC
  return out;
}

// ---------------------------------------------------------------- path tables and directories

function pathTableRecord(rootSector: number, order: 'le' | 'be'): Uint8Array {
  const r = new Uint8Array(PATH_TABLE_SIZE);
  r[0] = 1; // identifier length
  const view = new DataView(r.buffer);
  view.setUint32(2, rootSector, order === 'le');
  view.setUint16(6, 1, order === 'le'); // parent directory number: the root is its own parent
  r[8] = 0; // root identifier
  return r;
}

interface RecordInput {
  id: Uint8Array;
  sector: number;
  size: number;
  dir: boolean;
  date: Date;
}

function recordLength(idLength: number): number {
  return 33 + idLength + (idLength % 2 === 0 ? 1 : 0); // padding byte keeps records even-sized
}

/** Directory record, ECMA-119 9.1. */
function directoryRecord(r: RecordInput): Uint8Array {
  const out = new Uint8Array(recordLength(r.id.length));
  out[0] = out.length;
  both32(out, 2, r.sector);
  both32(out, 10, r.size);
  out.set(recordDate(r.date), 18);
  out[25] = r.dir ? 0x02 : 0x00;
  both16(out, 28, 1); // volume sequence number
  out[32] = r.id.length;
  out.set(r.id, 33);
  return out;
}

/** 7-byte recording date (ECMA-119 9.1.5): years since 1900, month, day, h, m, s, GMT offset. */
function recordDate(date: Date): Uint8Array {
  return Uint8Array.of(date.getUTCFullYear() - 1900, date.getUTCMonth() + 1, date.getUTCDate(),
    date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds(), 0);
}

/** Sectors a root directory needs: "." and ".." then the files; a record never spans sectors. */
function directorySectors(idLengths: readonly number[]): number {
  let sectors = 1;
  let used = 2 * recordLength(1);
  for (const n of idLengths) {
    const len = recordLength(n);
    if (used + len > SECTOR) {
      sectors++;
      used = 0;
    }
    used += len;
  }
  return sectors;
}

function directory(root: { sector: number; sectors: number }, ids: Uint8Array[], files: Placed[], date: Date): Uint8Array {
  const out = new Uint8Array(root.sectors * SECTOR);
  const self = { sector: root.sector, size: root.sectors * SECTOR, dir: true, date };
  // ECMA-119 9.3: records ordered by identifier (the 8.3 names may sort unlike the Joliet ones).
  const entries = files.map((f, i) => ({ id: ids[i]!, f })).sort((a, b) => compareBytes(a.id, b.id));
  const records = [
    directoryRecord({ ...self, id: Uint8Array.of(0) }),
    directoryRecord({ ...self, id: Uint8Array.of(1) }),
    ...entries.map(({ id, f }) => directoryRecord({ id, sector: f.sector, size: f.data.length, dir: false, date })),
  ];
  let offset = 0;
  for (const rec of records) {
    if ((offset % SECTOR) + rec.length > SECTOR) offset = Math.ceil(offset / SECTOR) * SECTOR;
    out.set(rec, offset);
    offset += rec.length;
  }
  return out;
}
