/**
 * Performance marks the browser suite reads to record how long switching k takes (click to the
 * charts redrawn). Marks are cheap and invisible to users.
 */
export function markKSwitch(phase: 'start' | 'end'): void {
  if (phase === 'start') {
    performance.clearMarks('k-switch-start');
    performance.mark('k-switch-start');
    return;
  }
  if (performance.getEntriesByName('k-switch-start', 'mark').length === 0) return;
  performance.mark('k-switch-end');
  performance.measure('k-switch', 'k-switch-start', 'k-switch-end');
  performance.clearMarks('k-switch-start');
}
