import { useState } from 'react';
import type { ListOrder, RecoverySettings } from '../../../../shared/contract';
import { settingMeta, sliderRange } from '../../../../shared/contract/settings-meta';

/** `unit`: what the value floor is counted in (the workspace currency, or units for a purchase log). */
type Props = { value: RecoverySettings; onChange: (next: RecoverySettings) => void; unit?: string };

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

/**
 * An amount typed as the user types it: the field keeps the text (a cleared field is not put back
 * to 0 under the cursor, so typing 250 gives 250, not 0250) and the setting takes it only when it
 * is an amount of 0 or more; anything else is said beside the field and changes nothing.
 */
/** An amount as typed: thousands may be grouped with commas or spaces ("1,000", "12 500"); null for none typed. */
function amountOf(text: string): number | null {
  const t = text.trim().replace(/\s/g, '');
  if (t === '') return null;
  return Number(/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(t) ? t.replace(/,/g, '') : t);
}

function AmountField({ id, label, value, onChange }: { id: string; label: string; value: number; onChange: (v: number) => void }) {
  const [text, setText] = useState(String(value));
  // A value set from outside (a reset, another run) shows in the field; the user's own typing stays.
  const [seen, setSeen] = useState(value);
  if (value !== seen) {
    setSeen(value);
    if (amountOf(text) !== value) setText(String(value));
  }
  const parsed = amountOf(text);
  const problem = parsed === null ? 'Type an amount (0 for none).' : !Number.isFinite(parsed) || parsed < 0 ? `'${text}' is not an amount of 0 or more: the setting stays at ${value}.` : null;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        inputMode="decimal"
        value={text}
        aria-invalid={problem !== null}
        aria-describedby={`${id}-problem`}
        onChange={(e) => {
          setText(e.target.value);
          const v = amountOf(e.target.value);
          if (v !== null && Number.isFinite(v) && v >= 0 && v !== value) onChange(v);
        }}
        onBlur={() => problem !== null && setText(String(value))}
      />
      <span id={`${id}-problem`} className="muted" role={problem ? 'alert' : undefined} style={{ fontSize: '0.78rem' }}>
        {problem ?? ''}
      </span>
    </div>
  );
}

const LIST_ORDER_HINTS: Record<ListOrder, string> = {
  balanced: 'As much weight on the chance of a slide as this data asks: surer than the naive rules where it can be, while holding more of the money.',
  money: 'Money at risk x chance: the most money at the top, with fewer sure slides.',
  sure: 'The likeliest slides first, whatever their size: surer calls, less of the money.',
};

/** The thresholds of a recovery action, each with what it means in words. */
export function RecoveryControls({ value, onChange, unit }: Props) {
  const set = <K extends keyof RecoverySettings>(key: K, v: RecoverySettings[K]) => onChange({ ...value, [key]: v });
  return (
    <div className="controls top" data-testid="recovery-controls">
      <Slider id="lateness" label={settingMeta('recovery.lateness').label} value={value.lateness} {...sliderRange('recovery.lateness')} shown={`${value.lateness} cycles`} onChange={(v) => set('lateness', v)} hint="Gap since the last purchase, in the customer's own purchase cycles." />
      <Slider id="decline" label={settingMeta('recovery.declineThreshold').label} value={value.declineThreshold} {...sliderRange('recovery.declineThreshold')} shown={`${Math.round(value.declineThreshold * 100)}% of baseline`} onChange={(v) => set('declineThreshold', v)} hint="Trailing spend against the same season's baseline." />
      <Slider id="min-purchases" label={settingMeta('recovery.minPurchases').label} value={value.minPurchases} {...sliderRange('recovery.minPurchases')} shown={`${value.minPurchases} purchases`} onChange={(v) => set('minPurchases', v)} hint="Fewer purchase days = no rhythm yet, no action." />
      <Slider id="volatility-allowance" label={settingMeta('recovery.volatilityAllowance').label} value={value.volatilityAllowance} {...sliderRange('recovery.volatilityAllowance')} shown={`+${value.volatilityAllowance} std. dev.`} onChange={(v) => set('volatilityAllowance', v)} disabled={!value.volatility} hint="Extra allowance for irregular intervals." />
      <div className="field">
        <span className="label">Handling</span>
        <label className="check">
          <input type="checkbox" checked={value.seasonal} onChange={(e) => set('seasonal', e.target.checked)} /> Judge seasonal categories against the same months
        </label>
        <label className="check">
          <input type="checkbox" checked={value.volatility} onChange={(e) => set('volatility', e.target.checked)} /> Widen lateness for volatile buyers
        </label>
        <label className="check">
          <input type="checkbox" checked={value.winBackOnce} onChange={(e) => set('winBackOnce', e.target.checked)} data-testid="win-back-once" title="Off: a customer that bought only once gets no action, however long silent (analytics.md's one-time rule as written)" /> Win back one-time buyers once silent past repeat buyers' usual gap
        </label>
      </div>
      <div className="field">
        <label htmlFor="list-order">{settingMeta('recovery.listOrder').label}</label>
        <select id="list-order" value={value.listOrder} onChange={(e) => set('listOrder', e.target.value as ListOrder)} aria-describedby="list-order-hint">
          {settingMeta('recovery.listOrder').choices?.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
        <span id="list-order-hint" className="muted" style={{ fontSize: '0.78rem' }}>
          {LIST_ORDER_HINTS[value.listOrder]}
        </span>
      </div>
      <AmountField id="min-revenue" label={`Ignore customers and relationships under (${unit ? `${unit} ` : ''}per year)`} value={value.minRevenue} onChange={(v) => set('minRevenue', v)} />
    </div>
  );
}
