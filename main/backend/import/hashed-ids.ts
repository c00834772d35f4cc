/** A hash or a UUID as exports write ids: 16 hex digits or more (Olist's 32), dashes allowed. */
const HASH = /^(?=(?:[^0-9a-f]*[0-9a-f]){16})[0-9a-f]{8,}(?:-?[0-9a-f]{4,})*$/i;
/** Digits and letters both: a long run of digits alone is an id of another kind (a phone number, an account). */
const HAS_DIGIT = /\d/;
const HAS_HEX_LETTER = /[a-f]/i;

/**
 * Whether most of a column's filled values are hashes or UUIDs: keys a system made for its records
 * (a marketplace's seller_id), never the name or code a roster gives a sales rep.
 */
export function holdsHashes(values: readonly string[]): boolean {
  const filled = values.map((v) => v.trim()).filter((v) => v !== '');
  if (filled.length === 0) return false;
  const hashes = filled.filter((v) => HASH.test(v) && HAS_DIGIT.test(v) && HAS_HEX_LETTER.test(v)).length;
  return hashes >= 0.8 * filled.length;
}
