export type ScreenNeeds = 'nothing' | 'workspace' | 'data' | 'analysis';

/** A screen as the rail and links name it, without its component, so a screen can name others without importing them. */
export type Screen = {
  /** Stable, kebab-case: used in links, tests and `go()`. */
  id: string;
  label: string;
  /** One glyph shown in the navigation rail. */
  icon?: string;
  needs: ScreenNeeds;
};

export const SCREENS: readonly Screen[] = [
  { id: 'workspaces', label: 'Workspaces', icon: '▤', needs: 'nothing' },
  { id: 'import', label: 'Import', icon: '⇪', needs: 'workspace' },
  { id: 'products', label: 'Product groups', icon: '▣', needs: 'data' },
  { id: 'overview', label: 'Overview', icon: '◔', needs: 'analysis' },
  { id: 'profiles', label: 'Profiles', icon: '◎', needs: 'analysis' },
  { id: 'recovery', label: 'Recovery', icon: '↺', needs: 'analysis' },
  { id: 'growth', label: 'Growth', icon: '↗', needs: 'analysis' },
  { id: 'explore', label: 'Explore', icon: '⌕', needs: 'analysis' },
  { id: 'customer', label: 'Customer', icon: '☺', needs: 'analysis' },
  { id: 'portfolio', label: 'Portfolio', icon: '▦', needs: 'nothing' },
  { id: 'assignment', label: 'Assignment', icon: '⇄', needs: 'analysis' },
  { id: 'settings', label: 'Run settings', icon: '⚙', needs: 'analysis' },
];

export const screenById = (id: string): Screen | undefined => SCREENS.find((s) => s.id === id);
