/** 0 -> 'A', 25 -> 'Z', 26 -> 'AA': spreadsheet-style letters for Client A, B, ... */
export function letters(index: number): string {
  let n = index;
  let out = '';
  do {
    out = String.fromCharCode(65 + (n % 26)) + out;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return out;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Names shorter than this are not hunted inside free text: "AB" would maul ordinary words. */
const MIN_SCRUB_LENGTH = 3;

/**
 * Stable stand-ins for names (customers, reps, files): the same real name always gets the same
 * stand-in within one document, so totals and cross-references still read correctly.
 */
export class Pseudonyms {
  private readonly byName = new Map<string, string>();
  /** Names to hunt inside free text. Codes are left out: "1001" would also match inside "$11,001". */
  private readonly wordy = new Set<string>();
  private readonly prefix: string;
  private count = 0;

  constructor(prefix: string) {
    this.prefix = prefix;
  }

  of(name: string): string {
    let alias = this.byName.get(name);
    if (alias === undefined) {
      alias = `${this.prefix} ${++this.count}`;
      this.byName.set(name, alias);
    }
    return alias;
  }

  ofNullable(name: string | null): string | null {
    return name === null ? null : this.of(name);
  }

  /** Makes a display name read as the stand-in of its code, and hunts it inside free text. */
  alias(displayName: string, code: string): void {
    if (!this.byName.has(displayName)) this.byName.set(displayName, this.of(code));
    if (displayName.trim().length >= MIN_SCRUB_LENGTH) this.wordy.add(displayName);
  }

  /** Replaces every known display name inside free text; longest first, so "Acme Foods Ltd" is not
   *  half-replaced by "Acme Foods". */
  scrub(text: string): string {
    const names = [...this.wordy].sort((a, b) => b.length - a.length);
    let out = text;
    for (const name of names) out = out.replace(new RegExp(escapeRegExp(name), 'gi'), this.byName.get(name) ?? '');
    return out;
  }
}
