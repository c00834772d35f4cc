import { useMemo, useState } from 'react';
import { defaultAnalysisSettings, type AnalysisSettings } from '../../../../shared/contract/settings';
import { formatSetting, settingValue, type SettingMeta } from '../../../../shared/contract/settings-meta';
import { describeChanges, settingsChanges } from '../../../../shared/model/settings-changes';
import { Panel } from '../../components/Feedback';
import { groupSettings, rangeText, readSettings, SETTING_GROUPS, textsOf } from './setting-form';

/** What the stored run resolved its open settings to: the as-of date it used and the k auto chose. */
export type RunResolved = { runId: number; asOf: string; k: number; suggestedK: number };

type Props = {
  /** The stored run's settings: the controls start from them. */
  run: AnalysisSettings;
  resolved: RunResolved;
  /** The workspace currency, for the two settings counted in money. */
  currency: string;
  busy: boolean;
  /** Why Apply is off although the settings are fine (a read-only workspace). */
  busyWhy?: string | null;
  onApply: (settings: AnalysisSettings) => void;
};

const DEFAULT_TEXTS = textsOf(defaultAnalysisSettings());

function unitOf(meta: SettingMeta, currency: string): string | null {
  if (meta.path === 'recovery.minRevenue') return `${currency} a year`;
  if (meta.path === 'recovery.valueFloor') return `${currency} over the horizon`;
  if (meta.kind === 'share') return '%';
  return meta.kind === 'number' || meta.kind === 'integer' ? (meta.unit ?? null) : null;
}

/** A value as the panel shows it: a limit of nothing says what it means ("0 (no recovery action is left out for its size)"), not "0 a year". */
const shown = (meta: SettingMeta, value: unknown): string => (value === 0 && meta.zeroProse ? `0 (${meta.zeroProse})` : formatSetting(meta, value));

/** The run's value as the run used it: an open as-of date or an auto k with what they came to. */
function runValueText(meta: SettingMeta, run: AnalysisSettings, resolved: RunResolved): string {
  const value = settingValue(run, meta.path);
  if (meta.path === 'asOf' && value === null) return `${meta.nullMeans ?? 'none'} (${resolved.asOf})`;
  if (meta.path === 'k' && value === 'auto') return `auto (k = ${resolved.k})`;
  return shown(meta, value);
}

function Control({ meta, text, onText, resolved, invalid }: { meta: SettingMeta; text: string; onText: (t: string) => void; resolved: RunResolved; invalid: boolean }) {
  const id = `setting-${meta.flag}`;
  const described = `${id}-about`;
  if (meta.kind === 'switch') {
    return (
      <label className="check">
        <input id={id} type="checkbox" checked={text === 'true'} onChange={(e) => onText(String(e.target.checked))} aria-describedby={described} /> {text === 'true' ? 'On' : 'Off'}
      </label>
    );
  }
  if (meta.kind === 'choice') {
    return (
      <select id={id} value={text} onChange={(e) => onText(e.target.value)} aria-describedby={described}>
        {meta.choices?.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    );
  }
  if (meta.kind === 'k') {
    const ks: number[] = [];
    for (let k = meta.min ?? 2; k <= (meta.max ?? 15); k++) ks.push(k);
    return (
      <select id={id} value={text} onChange={(e) => onText(e.target.value)} aria-describedby={described} aria-invalid={invalid}>
        <option value="auto">auto (suggested: {resolved.suggestedK === 1 ? 'one peer group' : `k = ${resolved.suggestedK}`})</option>
        {ks.map((k) => (
          <option key={k} value={String(k)}>
            {k}
          </option>
        ))}
      </select>
    );
  }
  return (
    <input
      id={id}
      type="text"
      inputMode={meta.kind === 'date' ? undefined : 'decimal'}
      value={text}
      placeholder={meta.kind === 'date' ? resolved.asOf : meta.nullMeans ? 'default' : undefined}
      aria-invalid={invalid}
      aria-describedby={described}
      onChange={(e) => onText(e.target.value)}
    />
  );
}

/**
 * Every analysis setting in one place, grouped, each with its range, default, the stored run's
 * value and a reset; checked before anything is sent, then applied as one re-run.
 */
export function SettingsForm({ run, resolved, currency, busy, busyWhy, onApply }: Props) {
  const [texts, setTexts] = useState<Record<string, string>>(() => textsOf(run));
  const runTexts = useMemo(() => textsOf(run), [run]);
  const { settings, problems } = useMemo(() => readSettings(run, texts), [run, texts]);
  const problemList = Object.entries(problems);
  const pending = problemList.length === 0 ? settingsChanges(settings, run) : [];
  const edited = Object.keys(texts).some((path) => texts[path] !== runTexts[path]);
  const set = (path: string, text: string) => setTexts((t) => ({ ...t, [path]: text }));

  return (
    <>
      {SETTING_GROUPS.map((group) => (
        <Panel key={group.id} title={group.title} id={`settings-${group.id}`}>
          <div className="settings-list" role="list">
            {groupSettings(group.id).map((meta) => {
              const id = `setting-${meta.flag}`;
              const text = texts[meta.path] ?? '';
              const unit = unitOf(meta, currency);
              const atDefault = text === DEFAULT_TEXTS[meta.path];
              const changedFromRun = text !== runTexts[meta.path];
              return (
                <div key={meta.path} role="listitem" className={`setting-row${changedFromRun ? ' edited' : ''}`} data-testid={id}>
                  <div className="setting-name">
                    <label htmlFor={id}>{meta.label}</label>
                    <span className="muted">{meta.help}</span>
                  </div>
                  <div className="setting-control">
                    <Control meta={meta} text={text} onText={(t) => set(meta.path, t)} resolved={resolved} invalid={problems[meta.path] !== undefined} />
                    {unit && <span className="muted">{unit}</span>}
                  </div>
                  <div className="setting-about muted" id={`${id}-about`}>
                    <span>Allowed: {rangeText(meta)}</span>
                    <span>Default: {shown(meta, meta.default)}</span>
                    <span data-testid={`${id}-run`}>
                      Run {resolved.runId}: {runValueText(meta, run, resolved)}
                    </span>
                  </div>
                  <div className="setting-reset">
                    <button type="button" className="link" disabled={atDefault} onClick={() => set(meta.path, DEFAULT_TEXTS[meta.path])} aria-label={`Reset ${meta.label} to its default`}>
                      Reset to default
                    </button>
                  </div>
                  {problems[meta.path] && (
                    <p className="setting-problem" role="alert" data-testid={`${id}-problem`}>
                      {problems[meta.path]}
                    </p>
                  )}
                </div>
              );
            })}
          </div>
        </Panel>
      ))}
      <div className="settings-apply panel" data-testid="settings-apply-bar">
        <p data-testid="settings-pending">
          {problemList.length > 0
            ? `Fix ${problemList.length === 1 ? 'this setting' : `these ${problemList.length} settings`} first: ${problemList.map(([, words]) => words).join(' ')}`
            : pending.length === 0
              ? `These are run ${resolved.runId}'s settings.`
              : `To apply: ${describeChanges(pending, `run ${resolved.runId}:`)}.`}
        </p>
        <div className="row">
          <button type="button" disabled={!edited} onClick={() => setTexts(runTexts)}>
            Back to run {resolved.runId}'s values
          </button>
          <button type="button" onClick={() => setTexts(DEFAULT_TEXTS)}>
            All to defaults
          </button>
          <button type="button" className="primary" disabled={busy || problemList.length > 0 || pending.length === 0} title={busyWhy ?? undefined} onClick={() => onApply(settings)} data-testid="apply-settings">
            Apply and re-run
          </button>
        </div>
      </div>
    </>
  );
}
