// Every piece of text in a report comes from a client's data (customer names, file names, rejected
// values) and may be hostile: it only ever enters the HTML through these functions.
const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

export const escapeHtml = (text: string | number | null | undefined): string =>
  text === null || text === undefined ? '' : String(text).replace(/[&<>"'`]/g, (c) => HTML_ESCAPES[c]);

/** A tagged template whose interpolations are escaped unless wrapped in raw(). */
export type SafeHtml = { readonly __html: string };

export const raw = (html: string): SafeHtml => ({ __html: html });

type Interpolation = string | number | null | undefined | SafeHtml | readonly SafeHtml[];

const render = (value: Interpolation): string => {
  if (Array.isArray(value)) return value.map((v: SafeHtml) => v.__html).join('');
  if (typeof value === 'object' && value !== null && '__html' in value) return (value as SafeHtml).__html;
  return escapeHtml(value as string | number | null | undefined);
};

export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let out = strings[0];
  values.forEach((v, i) => {
    out += render(v) + strings[i + 1];
  });
  return raw(out);
}
