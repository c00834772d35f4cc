/** A part of a long screen that the strip at its top can bring into view. */
export type JumpTarget = { id: string; label: string };

/**
 * "On this screen: Thresholds · Actions · Backtest …": the screen's panels in order, each a button
 * that scrolls its panel to the top of the view. Buttons, not links: the workbench routes by the
 * URL's hash, which an in-page anchor would overwrite. The screen lists only the panels it shows.
 */
export function JumpLinks({ targets, label = 'On this screen' }: { targets: JumpTarget[]; label?: string }) {
  const jump = (id: string) => {
    const panel = document.getElementById(id);
    if (!panel) return;
    const still = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    panel.scrollIntoView({ block: 'start', behavior: still ? 'auto' : 'smooth' });
    // Focus follows the view, so a keyboard user continues from the panel, not from the strip.
    const heading = panel.querySelector('h2');
    if (heading instanceof HTMLElement) {
      heading.tabIndex = -1;
      heading.focus({ preventScroll: true });
    }
  };
  return (
    <nav className="jump-links" aria-label={label} data-testid="jump-links">
      <span className="muted">{label}:</span>
      {targets.map((t) => (
        <button type="button" className="link" key={t.id} onClick={() => jump(t.id)} data-testid={`jump-${t.id}`}>
          {t.label}
        </button>
      ))}
    </nav>
  );
}
