import fs from 'node:fs';

type Entry = { files?: Record<string, Entry>; unpacked?: boolean; size?: number };

/**
 * The file list of an asar archive. The format starts with two pickled uint32 pairs: bytes 12-15
 * hold the length of the JSON header that follows at byte 16.
 */
export function asarFiles(archive: string): string[] {
  const fd = fs.openSync(archive, 'r');
  try {
    const head = Buffer.alloc(16);
    fs.readSync(fd, head, 0, 16, 0);
    const length = head.readUInt32LE(12);
    const json = Buffer.alloc(length);
    fs.readSync(fd, json, 0, length, 16);
    const root = JSON.parse(json.toString('utf8')) as Entry;
    const out: string[] = [];
    const walk = (entry: Entry, prefix: string): void => {
      for (const [name, child] of Object.entries(entry.files ?? {})) {
        const full = `${prefix}/${name}`;
        if (child.files) walk(child, full);
        else out.push(full);
      }
    };
    walk(root, '');
    return out;
  } finally {
    fs.closeSync(fd);
  }
}
