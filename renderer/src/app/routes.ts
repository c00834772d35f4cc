import type { ComponentType } from 'react';
import { WorkspacesScreen } from '../features/workspaces/WorkspacesScreen';
import { ImportScreen } from '../features/import/ImportScreen';
import { OverviewScreen } from '../features/overview/OverviewScreen';
import { ProfilesScreen } from '../features/profiles/ProfilesScreen';
import { RecoveryScreen } from '../features/recovery/RecoveryScreen';
import { GrowthScreen } from '../features/growth/GrowthScreen';
import { CustomerScreen } from '../features/customer/CustomerScreen';
import { PortfolioScreen } from '../features/portfolio/PortfolioScreen';
import { AssignmentScreen } from '../features/assignment/AssignmentScreen';
import { ProductGroupsScreen } from '../features/products/ProductGroupsScreen';
import { ExploreScreen } from '../features/explore/ExploreScreen';

/**
 * The screen registry: the navigation rail and the router are both built from this list.
 *
 * To add a screen (e.g. Assignment, Portfolio): write `renderer/src/features/<x>/<X>Screen.tsx`
 * exporting a component that takes no props, import it here and append ONE entry below. Inside the
 * screen, take only what it needs from src/app/workbench.tsx: `useWorkspace()` (the open workspace,
 * `refresh()` after a change), `useSummary()` (the latest analysis), `useNavigation()` (`go(screenId,
 * params)`), `useFormatters()`, `useAnalysisJob()` (run and progress), `useAppError()`; `call()` from
 * src/api/client.ts reaches any handler of shared/contract, typed. `needs` keeps the screen disabled
 * in the rail (with a hint) until a workspace is open or an analysis exists.
 */
export type ScreenNeeds = 'nothing' | 'workspace' | 'data' | 'analysis';

export type ScreenRoute = {
  /** Stable, kebab-case: used in links, tests and `go()`. */
  id: string;
  label: string;
  /** One glyph shown in the navigation rail. */
  icon?: string;
  component: ComponentType;
  needs: ScreenNeeds;
};

export const routes: ScreenRoute[] = [
  { id: 'workspaces', label: 'Workspaces', icon: '▤', component: WorkspacesScreen, needs: 'nothing' },
  { id: 'import', label: 'Import', icon: '⇪', component: ImportScreen, needs: 'workspace' },
  { id: 'products', label: 'Product groups', icon: '▣', component: ProductGroupsScreen, needs: 'data' },
  { id: 'overview', label: 'Overview', icon: '◔', component: OverviewScreen, needs: 'analysis' },
  { id: 'profiles', label: 'Profiles', icon: '◎', component: ProfilesScreen, needs: 'analysis' },
  { id: 'recovery', label: 'Recovery', icon: '↺', component: RecoveryScreen, needs: 'analysis' },
  { id: 'growth', label: 'Growth', icon: '↗', component: GrowthScreen, needs: 'analysis' },
  { id: 'explore', label: 'Explore', icon: '⌕', component: ExploreScreen, needs: 'analysis' },
  { id: 'customer', label: 'Customer', icon: '☺', component: CustomerScreen, needs: 'analysis' },
  { id: 'portfolio', label: 'Portfolio', icon: '▦', component: PortfolioScreen, needs: 'nothing' },
  { id: 'assignment', label: 'Assignment', icon: '⇄', component: AssignmentScreen, needs: 'analysis' },
];

export const routeById = (id: string): ScreenRoute | undefined => routes.find((r) => r.id === id);
