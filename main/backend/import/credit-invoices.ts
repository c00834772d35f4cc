/** Whether an invoice number starting with C is a credit note, and why not when some start with C but are not. */
export type CreditMarking = { credits: boolean; whyNot: string | null };

/** Invoice numbers of one scheme start the same way this often: a few odd ones (UCI's "A563185") aside. */
const ONE_SCHEME_SHARE = 0.95;

const startsWithC = (invoice: string): boolean => /^\s*c/i.test(invoice);

/**
 * A leading C marks a credit note when it sets some invoice numbers apart from a scheme the others
 * share: UCI's "C536379" beside "536365", or "CN-17" beside "SI-1001". The others must then nearly
 * all start with a digit, or nearly all with the same character. Where they start with any letter or
 * digit, the C is part of the code: hexadecimal order ids (Olist's "c9a1...") start with c one time
 * in sixteen, and reading those as credits turned a sixteenth of the sales into returns.
 */
export function creditMarking(invoices: readonly string[], column: string): CreditMarking {
  const numbers = invoices.map((v) => v.trim()).filter((v) => v !== '');
  const credits = numbers.filter(startsWithC);
  if (credits.length === 0) return { credits: numbers.length > 0, whyNot: null };
  if (credits.length >= numbers.length / 2) {
    return { credits: false, whyNot: `Most invoice numbers in '${column}' start with C, so a C is not read as a credit note; returns are the negative amounts only.` };
  }
  const others = numbers.filter((v) => !startsWithC(v));
  const firsts = new Map<string, number>();
  let digits = 0;
  for (const v of others) {
    const first = v[0].toLowerCase();
    firsts.set(first, (firsts.get(first) ?? 0) + 1);
    if (first >= '0' && first <= '9') digits++;
  }
  const commonest = Math.max(...firsts.values());
  if (digits >= ONE_SCHEME_SHARE * others.length || commonest >= ONE_SCHEME_SHARE * others.length) return { credits: true, whyNot: null };
  const examples = [...new Set([...others.slice(0, 2), credits[0]])].join(', ');
  return {
    credits: false,
    whyNot: `Invoice numbers in '${column}' start with any letter or digit (${examples}), so one starting with C is not read as a credit note; returns are the negative amounts only.`,
  };
}
