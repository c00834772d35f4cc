/**
 * Screen names by route id, apart from the routes themselves: a screen that names another one (a
 * breadcrumb back to where a click came from) reads them here, since importing the route table
 * would import every screen, itself included.
 */
export const SCREEN_LABELS = {
  workspaces: 'Workspaces',
  import: 'Import',
  products: 'Product groups',
  overview: 'Overview',
  profiles: 'Profiles',
  recovery: 'Recovery',
  growth: 'Growth',
  explore: 'Explore',
  customer: 'Customer',
  portfolio: 'Portfolio',
  assignment: 'Assignment',
} as const;

export type ScreenId = keyof typeof SCREEN_LABELS;

export const screenLabel = (id: string): string | undefined => (Object.hasOwn(SCREEN_LABELS, id) ? SCREEN_LABELS[id as ScreenId] : undefined);
