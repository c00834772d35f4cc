/**
 * How the leakage shares spread over the clients with dated sales (`compared`); clients whose
 * leakage is growth alone (spend tables, `growthOnly`) are named beside it, not in it. One client
 * has a share, not a range.
 */
export function shareSpread(
  range: { min: number; max: number; median: number } | null | undefined,
  compared: number,
  growthOnly: number,
  share: (v: number, digits?: number) => string,
  tooShort = 0,
): { label: string; value: string; detail: string } {
  const beside =
    (growthOnly > 0 ? `; ${growthOnly} more with growth alone (no dates) not compared` : '') +
    (tooShort > 0 ? `; ${tooShort} more with under a quarter of data not compared` : '');
  if (!range || compared === 0) return { label: 'Leakage share', value: '—', detail: growthOnly > 0 ? `only spend tables: growth alone (no dates), not compared` : 'no analysed clients' };
  if (compared === 1) return { label: 'Leakage share', value: share(range.min), detail: `one client with dated sales${beside || ': add workspaces to compare'}` };
  return { label: 'Leakage share, range', value: `${share(range.min, 0)}–${share(range.max, 0)}`, detail: `median ${share(range.median)} across ${compared} clients${beside}` };
}
