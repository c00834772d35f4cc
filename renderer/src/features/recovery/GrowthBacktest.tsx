import { useMemo } from 'react';
import type { GrowthBacktest } from '../../../../shared/model/results';
import { useFormatters } from '../../app/workbench';
import { Chart } from '../../charts/Chart';
import { growthBacktestOption } from '../../charts/recovery';
import { Stat } from '../../components/Feedback';

/** The backtest's growth table: what the suggested customers bought next, beside the popularity rules. */
export function GrowthBacktestTable({ growth }: { growth: GrowthBacktest }) {
  const fmt = useFormatters();
  const option = useMemo(() => growthBacktestOption(growth, fmt), [growth, fmt]);
  const ours = growth.rows[0];
  return (
    <section className="backtest-level" data-testid="backtest-growth">
      <h3>Growth actions: what their customers bought next</h3>
      <p className={growth.verdict.takeUpOk && growth.verdict.upliftOk ? 'verdict' : 'verdict miss'} data-testid="backtest-verdict-growth">
        {growth.verdict.text}
      </p>
      <div className="stats">
        <Stat label="Suggested" value={fmt.count(ours.suggestions)} detail={`to ${fmt.counted(ours.customers, 'customer')}`} small />
        <Stat label="Taken up unprompted" value={fmt.share(ours.takeUpRate)} detail={`${fmt.count(ours.takenUp)} of ${fmt.count(ours.suggestions)}`} small />
        <Stat label="New spend held" value={fmt.share(ours.upliftShare)} detail={fmt.money(ours.uplift)} small />
        <Stat label="Stated for the horizon" value={ours.stated === null ? '—' : fmt.money(ours.stated)} detail="what won categories would be worth" small />
      </div>
      <table className="compare">
        <thead>
          <tr>
            <th scope="col">Method</th>
            <th scope="col">Suggestions</th>
            <th scope="col">Customers</th>
            <th scope="col">Taken up</th>
            <th scope="col">New spend held</th>
            <th scope="col">Stated for the horizon</th>
          </tr>
        </thead>
        <tbody>
          {growth.rows.map((r) => (
            <tr key={r.method} className={r.method === 'model' ? 'ours' : ''}>
              <th scope="row">{r.label}</th>
              <td>{fmt.count(Math.round(r.suggestions))}</td>
              <td>{fmt.count(Math.round(r.customers))}</td>
              <td>{fmt.share(r.takeUpRate)}</td>
              <td>
                {fmt.share(r.upliftShare)} ({fmt.money(r.uplift)})
              </td>
              <td>{r.stated === null ? '—' : fmt.money(r.stated)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Chart option={option} label="Backtest, growth actions: share taken up and share of the new spend held, by method" height={200} testId="chart-backtest-growth" />
    </section>
  );
}
