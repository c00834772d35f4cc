import { Readable } from 'node:stream';
import zlib from 'node:zlib';

const EOCD = 0x06054b50;
const EOCD64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const ZIP64_EXTRA = 0x0001;
const MAX32 = 0xffffffff;
const STORED = 0;
const DEFLATED = 8;

type Entry = { name: string; method: number; crc: number; packedSize: number; size: number; localOffset: number };

/** The entries of a ZIP archive's central directory; null when it cannot be read. */
function zipEntries(zip: Buffer): Entry[] | null {
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
  let count = zip.readUInt16LE(eocd + 10);
  let offset = zip.readUInt32LE(eocd + 16);
  const locator = eocd - 20;
  if ((offset === MAX32 || count === 0xffff) && locator >= 0 && zip.readUInt32LE(locator) === EOCD64_LOCATOR) {
    const end64 = Number(zip.readBigUInt64LE(locator + 8));
    if (end64 + 56 > zip.length) return null;
    count = Number(zip.readBigUInt64LE(end64 + 32));
    offset = Number(zip.readBigUInt64LE(end64 + 48));
  }
  const entries: Entry[] = [];
  let at = offset;
  for (let n = 0; n < count; n++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL) return null;
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    if (at + 46 + nameLength + extraLength > zip.length) return null;
    const entry: Entry = {
      name: zip.toString('utf8', at + 46, at + 46 + nameLength),
      method: zip.readUInt16LE(at + 10),
      crc: zip.readUInt32LE(at + 16),
      packedSize: zip.readUInt32LE(at + 20),
      size: zip.readUInt32LE(at + 24),
      localOffset: zip.readUInt32LE(at + 42),
    };
    if (entry.size === MAX32 || entry.packedSize === MAX32 || entry.localOffset === MAX32) readZip64(zip, at + 46 + nameLength, extraLength, entry);
    entries.push(entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** ZIP64 sizes and offset, in this order, for each field the central record left at 0xFFFFFFFF. */
function readZip64(zip: Buffer, from: number, length: number, entry: Entry): void {
  let at = from;
  while (at + 4 <= from + length) {
    const id = zip.readUInt16LE(at);
    const size = zip.readUInt16LE(at + 2);
    if (id === ZIP64_EXTRA) {
      let field = at + 4;
      const next = (): number => {
        const v = field + 8 <= at + 4 + size ? Number(zip.readBigUInt64LE(field)) : Number.MAX_SAFE_INTEGER;
        field += 8;
        return v;
      };
      if (entry.size === MAX32) entry.size = next();
      if (entry.packedSize === MAX32) entry.packedSize = next();
      if (entry.localOffset === MAX32) entry.localOffset = next();
      return;
    }
    at += 4 + size;
  }
  // Sizes that say "look in the ZIP64 field" without one: take them as too big to read.
  if (entry.size === MAX32) entry.size = Number.MAX_SAFE_INTEGER;
}

/**
 * The uncompressed size of every entry of a ZIP archive (xlsx, xlsb, ods), summed from its central
 * directory without inflating anything; null when the archive's directory cannot be read (the
 * workbook reader then says what is wrong with the file).
 */
export function zipUnpackedSize(zip: Buffer): number | null {
  const entries = zipEntries(zip);
  return entries === null ? null : entries.reduce((sum, e) => sum + e.size, 0);
}

/**
 * What is damaged in a ZIP archive, or null when every entry inflates to its recorded size and
 * checksum. Inflated as a stream, one chunk at a time: it costs time, not memory. SheetJS can loop
 * forever on a damaged deflate stream, so a workbook is checked before it gets one.
 */
export async function zipDamage(zip: Buffer): Promise<string | null> {
  const entries = zipEntries(zip);
  if (entries === null) return 'its table of contents (the zip directory) is missing or damaged';
  for (const e of entries) {
    const local = e.localOffset;
    if (local + 30 > zip.length || zip.readUInt32LE(local) !== LOCAL) return `the part '${e.name}' cannot be found where the directory says`;
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    if (start + e.packedSize > zip.length) return `the part '${e.name}' is cut short (the file is incomplete)`;
    const packed = zip.subarray(start, start + e.packedSize);
    let crc = 0;
    let size = 0;
    if (e.method === STORED) {
      crc = zlib.crc32(packed);
      size = packed.length;
    } else if (e.method === DEFLATED) {
      try {
        for await (const chunk of Readable.from([packed]).pipe(zlib.createInflateRaw()) as AsyncIterable<Buffer>) {
          crc = zlib.crc32(chunk, crc);
          size += chunk.length;
        }
      } catch (err) {
        return `the part '${e.name}' does not unpack (${(err as Error).message})`;
      }
    } else return `the part '${e.name}' is packed with a method Longtail does not read (${e.method})`;
    if (size !== e.size || crc !== e.crc) return `the part '${e.name}' unpacks to other content than recorded (a damaged or incomplete copy)`;
  }
  return null;
}
