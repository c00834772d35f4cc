import { useMemo } from 'react';
import type { CustomerDetail } from '../../../../shared/contract';
import { runSpan } from '../../../../shared/format/leakage-span';
import { call } from '../../api/client';
import { useAsync } from '../../app/useAsync';
import { useFormatters, useNavigation, useSummary } from '../../app/workbench';
import { Chart } from '../../charts/Chart';
import { customerMonthlyHeight, customerMonthlyOption, mixVsProfileOption, purchaseTimelineOption } from '../../charts/customer';
import { ActionList } from '../../components/ActionList';
import { DataTable, type Column } from '../../components/DataTable';
import { ErrorNotice, Panel, Stat } from '../../components/Feedback';
import { accountParts, type CarriedPart } from './account-parts';
import { CustomerPicker } from './CustomerPicker';
import { CYCLE_COLUMN_WIDTH, cycleWords, cyclePattern } from './cycle-pattern';
import { noMixWords } from './mix-note';

type Cycle = CustomerDetail['cycles'][number];

function CustomerView({ code }: { code: string }) {
  const fmt = useFormatters();
  const { go } = useNavigation();
  const s = useSummary();
  const detail = useAsync(() => call('analysis-customer', { runId: s?.runId, code }), [s?.runId, code]);
  const d = detail.data;
  const monthly = useMemo(() => (d ? customerMonthlyOption(d, fmt) : null), [d, fmt]);
  const timeline = useMemo(() => (d && s ? purchaseTimelineOption(d, s.asOf, fmt) : null), [d, s, fmt]);
  const mix = useMemo(
    () => (d ? mixVsProfileOption(d.categories, d.customer.mix, d.profile?.mix ?? null, d.profile ? `Profile ${d.profile.id}: ${d.profile.label}` : 'Profile', fmt) : null),
    [d, fmt],
  );
  const cycleColumns: Column<Cycle>[] = [
    { id: 'category', label: 'Category', value: (c) => c.category, width: '1.4fr' },
    { id: 'purchases', label: 'Purchases', value: (c) => c.purchases, align: 'right' },
    {
      id: 'cycle',
      label: 'Usual cycle',
      title: 'The mean days between purchase days (in-season days for a seasonal category): the cycle recovery judges lateness and the due date by, so the next due date is the last purchase plus it. The median gap follows where it differs by a fifth or more: the gaps swing.',
      value: (c) => c.cycleDays,
      format: (_v, c) => cycleWords(c, fmt),
      align: 'right',
      width: CYCLE_COLUMN_WIDTH,
    },
    { id: 'last', label: 'Last purchase', value: (c) => c.lastPurchase, format: (v) => fmt.date(v as string) },
    { id: 'due', label: 'Next due by', value: (c) => c.expectedBy, format: (v) => (v === null ? '—' : fmt.date(v as string)) },
    { id: 'pattern', label: 'Pattern', title: 'Regular, seasonal or volatile; "not judged: 3 of 4" where the category has fewer purchase days than the rhythm setting needs', value: (c) => cyclePattern(c, s?.settings.recovery.minPurchases ?? 0) },
  ];

  if (detail.error) return <ErrorNotice error={detail.error} action={<button type="button" onClick={() => go('customer')}>Find another customer</button>} />;
  if (!d || !monthly || !timeline || !mix) return <p className="muted">Loading {code}…</p>;
  const c = d.customer;
  // A spend table has no dates: no months, purchases, rhythm, recency or recovery to show.
  const dated = s?.hasDates !== false;
  // A whole-account call (a win-back, a slipping account, small slips folded together) and its parts.
  const account = d.actions.find((a) => a.kind === 'recovery' && a.breakdown && a.breakdown.length > 0);
  const parts = account ? accountParts(account, d.cycles, s?.asOf ?? null, fmt) : null;
  const partColumns: Column<CarriedPart>[] = [
    { id: 'category', label: 'Category', value: (p) => p.category, width: '1.4fr' },
    { id: 'atRisk', label: 'At risk', value: (p) => p.atRisk, format: (v) => fmt.money(Number(v)), align: 'right' },
    { id: 'kept', label: 'Kept in its 12 months', value: (p) => p.spend12m, format: (v) => (v === null ? '—' : fmt.money(Number(v))), align: 'right' },
    { id: 'why', label: 'Why it is carried', value: (p) => p.why, width: '1.6fr' },
  ];
  const noMix = noMixWords(c, dated ? (s?.asOf ?? null) : null, fmt);
  return (
    <>
      <div className="screen-head">
        <div>
          <h1 data-testid="customer-name">{c.name}</h1>
          <p className="muted">
            {c.code} · {c.tier === 'strategic' ? 'strategic account' : c.tier === 'long-tail' ? 'long tail' : 'inactive'}
            {d.profile && ` · profile ${d.profile.id}: ${d.profile.label}`}
            {c.rep && ` · rep ${c.rep}`}
            {c.territory && ` · ${c.territory}`}
            {c.segment && ` · ${c.segment}`}
          </p>
        </div>
        <button type="button" onClick={() => go('customer')}>
          Find another customer
        </button>
      </div>
      <div className="stats" data-testid="customer-stats">
        <Stat label={dated ? '12-month revenue' : 'Spend in the table'} value={fmt.money(c.revenue12m)} detail={fmt.counted(c.breadth, 'category', 'categories')} testId="customer-revenue" />
        {dated && (
          <Stat label="Probability alive" value={c.pAlive === null ? 'n/a' : fmt.share(c.pAlive, 0)} detail={s?.bgnbd?.verdict === 'degenerate' ? 'BG/NBD fit degenerate: reference only' : 'BG/NBD second opinion'} testId="customer-palive" />
        )}
        {dated && <Stat label="Revenue at risk" value={fmt.money(c.atRiskRevenue)} testId="customer-at-risk" />}
        <Stat label="Growth potential" value={fmt.money(c.growthRevenue)} testId="customer-growth" />
        {dated && (
          <Stat label="Last purchase" value={c.recencyDays === null ? '—' : c.recencyDays === 0 ? 'today' : `${fmt.counted(c.recencyDays, 'day')} ago`} detail={c.tenureDays === null ? undefined : `customer for ${fmt.counted(Math.round(c.tenureDays / 30.4), 'month')}`} />
        )}
      </div>
      {!dated && (
        <p className="muted" data-testid="customer-undated">
          The workspace holds a spend table without dates: this customer has a mix, a profile and growth actions, but no months, purchases or rhythm to show, and no recovery.
        </p>
      )}
      <Panel title="Its actions">
        {/* No onOpen: every row is this customer, already open, so its name is no link. */}
        <ActionList label="Actions for this customer" horizonDays={s?.settings.recovery.horizonDays} windowDays={s ? runSpan(s) : undefined} actions={d.actions} fmt={fmt} height={Math.min(300, 80 + 32 * Math.max(1, d.actions.length))} />
      </Panel>
      {parts && (
        <Panel title="Categories its account call carries">
          <p className="muted" data-testid="customer-call-parts-note">
            {parts.note}
          </p>
          <DataTable label="Categories the account call carries" columns={partColumns} rows={parts.rows} rowKey={(p) => p.category} height={Math.min(320, 40 + 32 * Math.max(2, parts.rows.length))} />
        </Panel>
      )}
      <div className={dated ? 'grid-2' : undefined}>
        {dated && (
          <Panel title="Monthly revenue by category">
            <Chart option={monthly} label={`Monthly revenue by category over ${d.monthly.length} month${d.monthly.length === 1 ? '' : 's'}`} height={customerMonthlyHeight(d)} testId="chart-customer-monthly" />
          </Panel>
        )}
        <Panel title="Mix against its profile">
          {noMix ? (
            <p className="muted" data-testid="customer-no-mix">
              {noMix}
            </p>
          ) : (
            <Chart option={mix} label="Share of spend per category against the profile's typical mix" height={Math.max(300, 60 + 18 * d.categories.length)} testId="chart-customer-mix" />
          )}
        </Panel>
      </div>
      {dated && (
        <Panel title="Purchase timeline">
          <Chart option={timeline} label="Purchases by category over time, with the date each next purchase was due" height={Math.max(220, 80 + 30 * d.cycles.length)} testId="chart-customer-timeline" />
        </Panel>
      )}
      {dated && (
        <Panel title="Rhythm per category">
          <DataTable label="Purchase rhythm per category" columns={cycleColumns} rows={d.cycles} rowKey={(r) => r.category} height={Math.min(320, 40 + 32 * Math.max(2, d.cycles.length))} />
        </Panel>
      )}
    </>
  );
}

export function CustomerScreen() {
  const { location } = useNavigation();
  const code = location.params.code;
  return code ? (
    <CustomerView key={code} code={code} />
  ) : (
    <>
      <div className="screen-head">
        <div>
          <h1>Customer</h1>
          <p className="muted">Everything about one account: its rhythm per category, its mix against its profile, and its actions.</p>
        </div>
      </div>
      <CustomerPicker />
    </>
  );
}
