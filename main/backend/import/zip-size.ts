const EOCD = 0x06054b50;
const EOCD64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const ZIP64_EXTRA = 0x0001;
const MAX32 = 0xffffffff;

/**
 * The uncompressed size of every entry of a ZIP archive (xlsx, xlsb, ods), summed from its central
 * directory without inflating anything; null when the archive's directory cannot be read (the
 * workbook reader then says what is wrong with the file).
 */
export function zipUnpackedSize(zip: Buffer): number | null {
  // The end record sits in the last 22 bytes plus a comment of up to 64 KB.
  const floor = Math.max(0, zip.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = zip.length - 22; i >= floor; i--) {
    if (zip.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  let entries = zip.readUInt16LE(eocd + 10);
  let offset = zip.readUInt32LE(eocd + 16);
  const locator = eocd - 20;
  if ((offset === MAX32 || entries === 0xffff) && locator >= 0 && zip.readUInt32LE(locator) === EOCD64_LOCATOR) {
    const end64 = Number(zip.readBigUInt64LE(locator + 8));
    if (end64 + 56 > zip.length) return null;
    entries = Number(zip.readBigUInt64LE(end64 + 32));
    offset = Number(zip.readBigUInt64LE(end64 + 48));
  }
  let total = 0;
  let at = offset;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL) return null;
    let size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    if (size === MAX32) size = zip64Size(zip, at + 46 + nameLength, extraLength) ?? Number.MAX_SAFE_INTEGER;
    total += size;
    at += 46 + nameLength + extraLength + commentLength;
  }
  return total;
}

/** The uncompressed size from an entry's ZIP64 extra field (the first 8 bytes of its data). */
function zip64Size(zip: Buffer, from: number, length: number): number | null {
  let at = from;
  while (at + 4 <= from + length && at + 4 <= zip.length) {
    const id = zip.readUInt16LE(at);
    const size = zip.readUInt16LE(at + 2);
    if (id === ZIP64_EXTRA && size >= 8 && at + 12 <= zip.length) return Number(zip.readBigUInt64LE(at + 4));
    at += 4 + size;
  }
  return null;
}
