import type { AnalysisSummary } from '../../../shared/model/results';
import { describeChanges, settingsChanges } from '../../../shared/model/settings-changes';

/**
 * Says, wherever figures are shown, that they come from settings other than the defaults: a
 * threshold moved once can shift leakage by ten points, and nobody should read that unawares.
 */
export function SettingsBadge({ summary }: { summary: AnalysisSummary }) {
  const changes = settingsChanges(summary.settings);
  if (changes.length === 0) return null;
  const words = describeChanges(changes);
  return (
    <span className="badge custom-settings" data-testid="settings-badge" title={`Run ${summary.runId} uses non-default settings: ${words}`}>
      Custom settings: {changes.length === 1 ? words : `${changes.length} changed`}
    </span>
  );
}
