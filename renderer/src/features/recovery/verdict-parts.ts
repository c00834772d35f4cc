/**
 * A verdict runs to a dozen sentences (how sure, where the lists differ, the other orders); its
 * first says whether the flags beat the rules. That one leads and the rest folds away. A sentence
 * ends at a full stop followed by a space and a capital, never inside a figure like "1.2x".
 */
export function splitVerdict(text: string): { lead: string; rest: string } {
  const end = /\.\s+(?=[A-Z])/.exec(text);
  if (!end) return { lead: text, rest: '' };
  return { lead: text.slice(0, end.index + 1), rest: text.slice(end.index + end[0].length) };
}
