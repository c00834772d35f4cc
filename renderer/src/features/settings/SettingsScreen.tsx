import { PURCHASE_UNITS } from '../../../../shared/format/currency';
import { useAnalysisJob, useFormatters, useSummary, useWorkspace } from '../../app/workbench';
import { readOnlyWhy } from '../workspaces/read-only';
import { SettingsBadge } from '../../components/SettingsBadge';
import { SettingsForm } from './SettingsForm';

/**
 * Run settings: every threshold of the method, where the other screens each hold a few. Applying
 * re-runs the analysis the way Recovery's Apply does, so the new run is stored, listed in the run
 * history and counted by the settings badge.
 */
export function SettingsScreen() {
  const fmt = useFormatters();
  const { job, runAnalysis } = useAnalysisJob();
  const s = useSummary();
  const { workspace } = useWorkspace();
  if (!s) return null;
  const readOnly = readOnlyWhy(workspace);
  return (
    <>
      <div className="screen-head">
        <div>
          <h1>Run settings</h1>
          <p className="muted">
            Every setting of the analysis, grouped, with its range and default. Run {s.runId} used the values shown; change any, then apply to store a new run with them (the run history
            compares it with this one).
          </p>
        </div>
        <SettingsBadge summary={s} />
      </div>
      {/* A new run starts the form again from what that run used. */}
      <SettingsForm
        key={s.runId}
        run={s.settings}
        resolved={{ runId: s.runId, asOf: s.asOf, k: s.k, suggestedK: s.suggestedK }}
        currency={fmt.currency === PURCHASE_UNITS ? 'units' : fmt.currency}
        busy={job !== null || readOnly !== null}
        busyWhy={readOnly}
        onApply={(settings) => void runAnalysis(settings)}
      />
    </>
  );
}
