import type { RecoverySettings } from '../../../../shared/contract';

type Props = { value: RecoverySettings; onChange: (next: RecoverySettings) => void; disabled?: boolean };

function Slider({ id, label, value, min, max, step, shown, onChange, disabled, hint }: {
  id: string;
  label: string;
  value: number;
  min: number;
  max: number;
  step: number;
  shown: string;
  onChange: (v: number) => void;
  disabled?: boolean;
  hint: string;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}: <output htmlFor={id} data-testid={`${id}-value`}>{shown}</output>
      </label>
      <input id={id} type="range" min={min} max={max} step={step} value={value} disabled={disabled} onChange={(e) => onChange(Number(e.target.value))} aria-describedby={`${id}-hint`} />
      <span id={`${id}-hint`} className="muted" style={{ fontSize: '0.78rem' }}>
        {hint}
      </span>
    </div>
  );
}

/** The thresholds of a recovery action, each with what it means in words. */
export function RecoveryControls({ value, onChange, disabled }: Props) {
  const set = <K extends keyof RecoverySettings>(key: K, v: RecoverySettings[K]) => onChange({ ...value, [key]: v });
  return (
    <div className="controls" data-testid="recovery-controls">
      <Slider id="lateness" label="Late after" value={value.lateness} min={1} max={10} step={0.25} shown={`${value.lateness} cycles`} onChange={(v) => set('lateness', v)} disabled={disabled} hint="Gap since the last purchase, in the customer's own purchase cycles." />
      <Slider id="decline" label="Declining below" value={value.declineThreshold} min={0.05} max={0.95} step={0.05} shown={`${Math.round(value.declineThreshold * 100)}% of baseline`} onChange={(v) => set('declineThreshold', v)} disabled={disabled} hint="Trailing spend against the same season's baseline." />
      <Slider id="min-purchases" label="Rhythm needs" value={value.minPurchases} min={2} max={20} step={1} shown={`${value.minPurchases} purchases`} onChange={(v) => set('minPurchases', v)} disabled={disabled} hint="Fewer purchase days = no rhythm yet, no action." />
      <Slider id="volatility-allowance" label="Volatile buyers get" value={value.volatilityAllowance} min={0} max={5} step={0.25} shown={`+${value.volatilityAllowance} std. dev.`} onChange={(v) => set('volatilityAllowance', v)} disabled={disabled || !value.volatility} hint="Extra allowance for irregular intervals." />
      <div className="field">
        <span className="label">Handling</span>
        <label className="check">
          <input type="checkbox" checked={value.seasonal} disabled={disabled} onChange={(e) => set('seasonal', e.target.checked)} /> Judge seasonal categories against the same months
        </label>
        <label className="check">
          <input type="checkbox" checked={value.volatility} disabled={disabled} onChange={(e) => set('volatility', e.target.checked)} /> Widen lateness for volatile buyers
        </label>
      </div>
      <div className="field">
        <label htmlFor="min-revenue">Ignore relationships under (per year)</label>
        <input id="min-revenue" type="number" min={0} step={100} value={value.minRevenue} disabled={disabled} onChange={(e) => set('minRevenue', Math.max(0, Number(e.target.value) || 0))} />
      </div>
    </div>
  );
}
