/**
 * How many steps into the workbench the tab's current entry is, so "← Back" never leaves it: opened
 * from a bookmark, history.back() had gone to the page before (about:blank). Each entry is stamped
 * in history.state when the workbench first reaches it, so going back and forth reads the stamp
 * rather than counting moves.
 */
const KEY = 'longtailStep';

let step = 0;
let moved = false;
let listening = false;

function stamped(): number | undefined {
  const state: unknown = window.history.state;
  if (state === null || typeof state !== 'object') return undefined;
  const value = (state as Record<string, unknown>)[KEY];
  return typeof value === 'number' ? value : undefined;
}

function stamp(value: number): void {
  step = value;
  const state: unknown = window.history.state;
  window.history.replaceState({ ...(state !== null && typeof state === 'object' ? state : {}), [KEY]: value }, '');
}

/**
 * Starts counting (once per page) and stamps the current entry if nothing has yet: the page may have
 * replaced its first entry's state after loading (the token is dropped from the address), so a
 * screen calls this again when it shows.
 */
export function trackHistorySteps(): void {
  if (!listening) {
    listening = true;
    window.addEventListener('hashchange', () => {
      moved = true;
      const known = stamped();
      if (known === undefined) stamp(step + 1);
      else step = known;
    });
  }
  const known = stamped();
  if (known !== undefined) step = known;
  else if (!moved) stamp(0);
}

/** Whether the entry before this one is the workbench's own. */
export function hasEarlierStep(): boolean {
  return (stamped() ?? step) > 0;
}
