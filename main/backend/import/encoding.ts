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
