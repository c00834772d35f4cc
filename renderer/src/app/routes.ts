import type { ComponentType } from 'react';
import { SCREENS, type Screen } from './screens';
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
import { SettingsScreen } from '../features/settings/SettingsScreen';

/**
 * The screen registry: the navigation rail and the router are both built from this list.
 *
 * To add a screen (e.g. Assignment, Portfolio): write `renderer/src/features/<x>/<X>Screen.tsx`
 * exporting a component that takes no props, add its entry to SCREENS in screens.ts and its component below. Inside the
 * screen, take only what it needs from src/app/workbench.tsx: `useWorkspace()` (the open workspace,
 * `refresh()` after a change), `useSummary()` (the latest analysis), `useNavigation()` (`go(screenId,
 * params)`), `useFormatters()`, `useAnalysisJob()` (run and progress), `useAppError()`; `call()` from
 * src/api/client.ts reaches any handler of shared/contract, typed. `needs` keeps the screen disabled
 * in the rail (with a hint) until a workspace is open or an analysis exists.
 */
export type { ScreenNeeds } from './screens';

export type ScreenRoute = Screen & { component: ComponentType };

const COMPONENTS: Record<string, ComponentType> = {
  workspaces: WorkspacesScreen,
  import: ImportScreen,
  products: ProductGroupsScreen,
  overview: OverviewScreen,
  profiles: ProfilesScreen,
  recovery: RecoveryScreen,
  growth: GrowthScreen,
  explore: ExploreScreen,
  customer: CustomerScreen,
  portfolio: PortfolioScreen,
  assignment: AssignmentScreen,
  settings: SettingsScreen,
};

export const routes: ScreenRoute[] = SCREENS.map((screen) => ({ ...screen, component: COMPONENTS[screen.id] }));

export const routeById = (id: string): ScreenRoute | undefined => routes.find((r) => r.id === id);
