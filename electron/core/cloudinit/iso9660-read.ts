// Reads the files of a seed image's root directory back (a clone's new seed starts from its source's): the Joliet
// names when the image has a Joliet descriptor, else the primary ones without their `;1`. Pure: bytes in, files out.

const SECTOR = 2048;
const FIRST_DESCRIPTOR = 16;
const ROOT_RECORD = 156;
const TYPE_PRIMARY = 1;
const TYPE_SUPPLEMENTARY = 2;
const TYPE_TERMINATOR = 255;
const FLAG_DIRECTORY = 2;

/** The root directory's files by name; throws when the bytes are not an ISO 9660 image. */
export function readIso9660Files(image: Uint8Array): Map<string, Uint8Array> {
  const view = new DataView(image.buffer, image.byteOffset, image.byteLength);
  let root: { sector: number; size: number; joliet: boolean } | null = null;
  for (let s = FIRST_DESCRIPTOR; (s + 1) * SECTOR <= image.length; s++) {
    const at = s * SECTOR;
    const type = image[at];
    if (String.fromCharCode(...image.subarray(at + 1, at + 6)) !== 'CD001') break;
    if (type === TYPE_TERMINATOR) break;
    if (type !== TYPE_PRIMARY && type !== TYPE_SUPPLEMENTARY) continue;
    // Joliet: a supplementary descriptor whose escape sequence is %/@, %/C or %/E.
    const joliet = type === TYPE_SUPPLEMENTARY && image[at + 88] === 0x25 && image[at + 89] === 0x2f;
    if (root && !joliet) continue;
    root = { sector: view.getUint32(at + ROOT_RECORD + 2, true), size: view.getUint32(at + ROOT_RECORD + 10, true), joliet };
  }
  if (!root) throw new Error('not an ISO 9660 image');
  const files = new Map<string, Uint8Array>();
  const start = root.sector * SECTOR;
  for (let p = start; p < start + root.size; ) {
    const len = image[p] ?? 0;
    if (len === 0) {
      p = start + (Math.floor((p - start) / SECTOR) + 1) * SECTOR; // records do not cross sectors
      continue;
    }
    const nameLen = image[p + 32] ?? 0;
    const id = image.subarray(p + 33, p + 33 + nameLen);
    const isSelfOrParent = nameLen === 1 && (id[0] === 0 || id[0] === 1);
    if (!isSelfOrParent && ((image[p + 25] ?? 0) & FLAG_DIRECTORY) === 0) {
      const extent = view.getUint32(p + 2, true) * SECTOR;
      const size = view.getUint32(p + 10, true);
      if (extent + size > image.length) throw new Error('ISO 9660 file extends past the image');
      files.set(decodeName(id, root.joliet), image.slice(extent, extent + size));
    }
    p += len;
  }
  return files;
}

function decodeName(id: Uint8Array, joliet: boolean): string {
  let name = '';
  if (joliet) for (let i = 0; i + 1 < id.length; i += 2) name += String.fromCharCode((id[i]! << 8) | id[i + 1]!);
  else name = String.fromCharCode(...id);
  return name.replace(/;\d+$/, '');
}
