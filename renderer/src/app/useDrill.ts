import { useCallback } from 'react';
import type { Slice } from '../../../shared/model/slice';
import { drillTarget } from './slice-params';
import { useNavigation } from './workbench';

/** One drill-down for every chart: narrows to a slice on the Explore screen (browser back returns). */
export function useDrill(): (add: Slice) => void {
  const { go, location } = useNavigation();
  return useCallback(
    (add: Slice) => {
      const next = drillTarget(location, add);
      go(next.screen, next.params);
    },
    [go, location],
  );
}
