// A small ISO 9660 reader for the tests, written from the ECMA-119/Joliet layout independently
// of the writer: it reads the descriptors, follows the path tables and root directories, and
// extracts files, checking on the way that both-endian fields agree.

const SECTOR = 2048;

export interface IsoEntry {
  name: string;
  sector: number;
  size: number;
  dir: boolean;
  recordOffset: number;
  recordDate: number[];
}

export interface IsoDescriptor {
  type: number;
  volumeId: string;
  escape: string;
  volumeSpaceSize: number;
  blockSize: number;
  pathTableSize: number;
  lTable: number;
  mTable: number;
  rootSector: number;
  rootSize: number;
  creation: string;
  expiration: string;
  applicationId: string;
}

export function both32(b: Uint8Array, off: number): number {
  const v = new DataView(b.buffer, b.byteOffset);
  const le = v.getUint32(off, true);
  if (le !== v.getUint32(off + 4, false)) throw new Error(`both-endian mismatch at ${off}`);
  return le;
}

function both16(b: Uint8Array, off: number): number {
  const v = new DataView(b.buffer, b.byteOffset);
  const le = v.getUint16(off, true);
  if (le !== v.getUint16(off + 2, false)) throw new Error(`both-endian mismatch at ${off}`);
  return le;
}

const latin1 = (b: Uint8Array) => Buffer.from(b).toString('latin1');
const ucs2be = (b: Uint8Array) => Buffer.from(b).swap16().toString('utf16le');

export function sector(iso: Uint8Array, n: number): Uint8Array {
  return iso.subarray(n * SECTOR, (n + 1) * SECTOR);
}

export function descriptor(iso: Uint8Array, n: number): IsoDescriptor {
  const d = sector(iso, n);
  if (latin1(d.subarray(1, 6)) !== 'CD001' || d[6] !== 1) throw new Error(`sector ${n} is no volume descriptor`);
  const joliet = d[0] === 2;
  const text = (off: number, len: number) => (joliet ? ucs2be(d.subarray(off, off + (len & ~1))) : latin1(d.subarray(off, off + len))).trimEnd();
  const root = d.subarray(156, 190);
  return {
    type: d[0]!,
    volumeId: text(40, 32),
    escape: latin1(d.subarray(88, 91)),
    volumeSpaceSize: both32(d, 80),
    blockSize: both16(d, 128),
    pathTableSize: both32(d, 132),
    lTable: new DataView(d.buffer, d.byteOffset).getUint32(140, true),
    mTable: new DataView(d.buffer, d.byteOffset).getUint32(148, false),
    rootSector: both32(root, 2),
    rootSize: both32(root, 10),
    creation: latin1(d.subarray(813, 829)) + `+${d[829]}`,
    expiration: latin1(d.subarray(847, 863)),
    applicationId: text(574, 128),
  };
}

/** Records of a directory; a record never crosses a sector boundary (zero length = skip to next). */
export function readDirectory(iso: Uint8Array, sectorNo: number, size: number, joliet: boolean): IsoEntry[] {
  const out: IsoEntry[] = [];
  const dir = iso.subarray(sectorNo * SECTOR, sectorNo * SECTOR + size);
  let off = 0;
  while (off < dir.length) {
    const len = dir[off]!;
    if (len === 0) {
      off = (Math.floor(off / SECTOR) + 1) * SECTOR;
      continue;
    }
    if ((off % SECTOR) + len > SECTOR) throw new Error(`record at ${off} crosses a sector boundary`);
    const r = dir.subarray(off, off + len);
    const idLen = r[32]!;
    if (len !== 33 + idLen + (idLen % 2 === 0 ? 1 : 0)) throw new Error(`record at ${off} has length ${len} for id length ${idLen}`);
    const id = r.subarray(33, 33 + idLen);
    const name = idLen === 1 && id[0]! <= 1 ? (id[0] === 0 ? '.' : '..') : joliet ? ucs2be(id) : latin1(id);
    if (both16(r, 28) !== 1) throw new Error('volume sequence number is not 1');
    out.push({ name, sector: both32(r, 2), size: both32(r, 10), dir: (r[25]! & 2) !== 0, recordOffset: off, recordDate: [...r.subarray(18, 25)] });
    off += len;
  }
  return out;
}

export function readFile(iso: Uint8Array, e: IsoEntry): Uint8Array {
  return iso.subarray(e.sector * SECTOR, e.sector * SECTOR + e.size);
}
