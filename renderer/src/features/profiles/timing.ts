/**
 * Performance marks the browser suite and bench/ui.bench.ts read to time what a user waits for:
 * 'k-switch' (Re-run clicked to the charts redrawn) and 'k-preview' (the slider moved to the
 * heatmap redrawn with that k's profiles). Marks are cheap and invisible to users.
 */
function markSpan(name: string, phase: 'start' | 'end'): void {
  const start = `${name}-start`;
  if (phase === 'start') {
    performance.clearMarks(start);
    performance.mark(start);
    return;
  }
  if (performance.getEntriesByName(start, 'mark').length === 0) return;
  performance.mark(`${name}-end`);
  performance.measure(name, start, `${name}-end`);
  performance.clearMarks(start);
}

export const markKSwitch = (phase: 'start' | 'end'): void => markSpan('k-switch', phase);
export const markKPreview = (phase: 'start' | 'end'): void => markSpan('k-preview', phase);
