/** The text encodings a CSV may come in, by the names TextDecoder knows. */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** Decides the encoding from the first bytes: a BOM if any, else NUL patterns, else UTF-8 validity. */
export function sniffEncoding(head: Uint8Array, complete = true): { encoding: TextEncoding; bom: number } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bom: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bom: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bom: 2 };
  const probe = Math.min(head.length, 4096) & ~1;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < probe; i += 2) {
    if (head[i] === 0) evenZeros++;
    if (head[i + 1] === 0) oddZeros++;
  }
  if (probe > 0 && oddZeros > probe / 8 && evenZeros === 0) return { encoding: 'utf-16le', bom: 0 };
  if (probe > 0 && evenZeros > probe / 8 && oddZeros === 0) return { encoding: 'utf-16be', bom: 0 };
  try {
    // When the head is only the start of the file, a character cut at its end is not an error.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: !complete });
    return { encoding: 'utf-8', bom: 0 };
  } catch {
    return { encoding: 'windows-1252', bom: 0 };
  }
}

/** Valid multi-byte UTF-8 characters and invalid bytes in `bytes`, with the offset of the first invalid one. */
export function utf8Census(bytes: Uint8Array, complete = true): { valid: number; invalid: number; firstInvalid: number | null } {
  let valid = 0;
  let invalid = 0;
  let firstInvalid: number | null = null;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need > 0 && i + need >= bytes.length && !complete) break;
    let ok = need > 0;
    for (let k = 1; ok && k <= need; k++) ok = i + k < bytes.length && (bytes[i + k] & 0xc0) === 0x80;
    if (ok) {
      valid++;
      i += need + 1;
    } else {
      invalid++;
      if (firstInvalid === null) firstInvalid = i;
      i++;
    }
  }
  return { valid, invalid, firstInvalid };
}

/**
 * Settles a file that is not clean UTF-8: mostly UTF-8 with a stray byte stays UTF-8 (the byte
 * becomes U+FFFD), otherwise Windows-1252; either way the note names the first offending byte.
 */
export function settleEncoding(head: Uint8Array, sniffed: { encoding: TextEncoding; bom: number }, complete: boolean): { encoding: TextEncoding; bom: number; note: string | null } {
  if (sniffed.encoding !== 'windows-1252') return { ...sniffed, note: null };
  const census = utf8Census(head, complete);
  const at = census.firstInvalid ?? 0;
  if (census.valid >= census.invalid && census.valid > 0) {
    return {
      encoding: 'utf-8',
      bom: 0,
      note: `The file is UTF-8 except for ${census.invalid === 1 ? 'one byte' : `${census.invalid} bytes`} that are not (the first at byte ${at.toLocaleString('en-US')}, 0x${head[at].toString(16).toUpperCase()}); ${census.invalid === 1 ? 'it was' : 'they were'} read as \uFFFD. Re-export the file as UTF-8 to keep those characters.`,
    };
  }
  return {
    ...sniffed,
    note: `The file is not UTF-8 (the first byte that is not is at byte ${at.toLocaleString('en-US')}, 0x${head[at].toString(16).toUpperCase()}), so it was read as Windows-1252. If names with accents look wrong, re-export the file as UTF-8.`,
  };
}
