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
import { SCREEN_LABELS, type ScreenId } from './screen-labels';

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
  id: ScreenId;
  label: string;
  /** One glyph shown in the navigation rail. */
  icon?: string;
  component: ComponentType;
  needs: ScreenNeeds;
};

export const routes: ScreenRoute[] = [
  { id: 'workspaces', label: SCREEN_LABELS.workspaces, icon: '▤', component: WorkspacesScreen, needs: 'nothing' },
  { id: 'import', label: SCREEN_LABELS.import, icon: '⇪', component: ImportScreen, needs: 'workspace' },
  { id: 'products', label: SCREEN_LABELS.products, icon: '▣', component: ProductGroupsScreen, needs: 'data' },
  { id: 'overview', label: SCREEN_LABELS.overview, icon: '◔', component: OverviewScreen, needs: 'analysis' },
  { id: 'profiles', label: SCREEN_LABELS.profiles, icon: '◎', component: ProfilesScreen, needs: 'analysis' },
  { id: 'recovery', label: SCREEN_LABELS.recovery, icon: '↺', component: RecoveryScreen, needs: 'analysis' },
  { id: 'growth', label: SCREEN_LABELS.growth, icon: '↗', component: GrowthScreen, needs: 'analysis' },
  { id: 'explore', label: SCREEN_LABELS.explore, icon: '⌕', component: ExploreScreen, needs: 'analysis' },
  { id: 'customer', label: SCREEN_LABELS.customer, icon: '☺', component: CustomerScreen, needs: 'analysis' },
  { id: 'portfolio', label: SCREEN_LABELS.portfolio, icon: '▦', component: PortfolioScreen, needs: 'nothing' },
  { id: 'assignment', label: SCREEN_LABELS.assignment, icon: '⇄', component: AssignmentScreen, needs: 'analysis' },
];

export const routeById = (id: string): ScreenRoute | undefined => routes.find((r) => r.id === id);
