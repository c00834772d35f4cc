/** How the leakage shares spread: one client has a share, not a range. */
export function shareSpread(range: { min: number; max: number; median: number } | null | undefined, analysed: number, share: (v: number, digits?: number) => string): { label: string; value: string; detail: string } {
  if (!range || analysed === 0) return { label: 'Leakage share', value: '—', detail: 'no analysed clients' };
  if (analysed === 1) return { label: 'Leakage share', value: share(range.min), detail: 'one analysed client: add workspaces to compare' };
  return { label: 'Leakage share, range', value: `${share(range.min, 0)}–${share(range.max, 0)}`, detail: `median ${share(range.median)} across ${analysed} clients` };
}
