import { describe, expect, it } from 'vitest';
import { runAnalysis } from '../../../shared/analytics/pipeline';
import { seededRandom } from '../../../shared/analytics/rng';
import { analysisSettingsSchema } from '../../../shared/contract/settings';
import { dayFromIso } from '../../../shared/format/dates';
import { elogDataset } from '../../helpers/elog';
import { oneCategoryDataset, type DatedRow } from '../../helpers/one-category';

const defaults = analysisSettingsSchema.parse({});

/** A shop where 96 customers in 100 buy once over two years, and the rest every month or so. */
function shopOfOneTimeBuyers() {
  const random = seededRandom(20261206);
  const first = dayFromIso('2016-10-01');
  const last = dayFromIso('2018-08-31');
  const codes: string[] = [];
  const rows: DatedRow[] = [];
  for (let c = 0; c < 4000; c++) {
    codes.push(`C${c}`);
    const start = first + Math.floor(random() * (last - first));
    const repeats = random() < 0.04;
    for (let day = start; day <= last; day += 20 + Math.floor(random() * 20)) {
      rows.push({ customer: c, day, revenue: Math.round(20 + random() * 180) });
      if (!repeats) break;
    }
  }
  return oneCategoryDataset(codes, rows);
}

const oneTimeCaveat = (caveats: readonly string[]) => caveats.find((c) => c.includes('bought only once hold'));

describe('recovery money held mostly by customers that bought once', () => {
  it('is called a pool of customers to win back, with the counts and money behind it', () => {
    const ds = shopOfOneTimeBuyers();
    const out = runAnalysis(ds, defaults);
    const caveat = oneTimeCaveat(out.caveats);
    expect(caveat).toBeDefined();
    // The figures the caveat quotes, counted here from the run's own actions and the raw rows.
    const orders = new Map<number, Set<number>>();
    for (let i = 0; i < ds.tx.customer.length; i++) {
      if (ds.tx.day[i] > dayFromIso(out.asOf)) continue;
      const days = orders.get(ds.tx.customer[i]) ?? new Set<number>();
      days.add(ds.tx.day[i]);
      orders.set(ds.tx.customer[i], days);
    }
    const onceOnly = (code: string) => orders.get(Number(code.slice(1)))?.size === 1;
    const recovery = out.actions.filter((a) => a.kind === 'recovery');
    const total = recovery.reduce((s, a) => s + a.expectedRevenue, 0);
    const once = recovery.filter((a) => onceOnly(a.customerCode));
    const share = once.reduce((s, a) => s + a.expectedRevenue, 0) / total;
    expect(share).toBeGreaterThan(0.5);
    expect(caveat).toContain(`${once.length.toLocaleString('en-US')} customers that bought only once hold ${Math.round(share * 100)}% of recovery's money at risk`);
    const singles = [...orders.values()].filter((d) => d.size === 1).length;
    expect(caveat).toContain(`${Math.round((singles / orders.size) * 100)}% of the customers who bought by the as-of date bought only once`);
    expect(caveat).toMatch(/read that money, and the leakage it makes, as customers to win back, not as recurring revenue slipping away/);
    // A caveat of recovery, and among the run's notes (the report and the Overview list them).
    expect(out.recovery?.caveats).toContain(caveat);
    expect(out.notes).toContain(caveat);
  });

  it("gives a customer that bought once no action at all when the win-back of one-time buyers is off, as analytics.md's one-time rule reads", () => {
    const ds = shopOfOneTimeBuyers();
    const onceOnly = (out: ReturnType<typeof runAnalysis>) => {
      const asOf = dayFromIso(out.asOf);
      const days = new Map<string, Set<number>>();
      for (let i = 0; i < ds.tx.customer.length; i++) {
        if (ds.tx.day[i] > asOf) continue;
        const code = ds.customers[ds.tx.customer[i]].code;
        days.set(code, (days.get(code) ?? new Set<number>()).add(ds.tx.day[i]));
      }
      return out.actions.filter((a) => a.kind === 'recovery' && days.get(a.customerCode)?.size === 1);
    };
    const on = runAnalysis(ds, defaults);
    const off = runAnalysis(ds, analysisSettingsSchema.parse({ recovery: { winBackOnce: false } }));
    expect(onceOnly(on).length).toBeGreaterThan(0);
    expect(onceOnly(off)).toEqual([]);
    // The repeat buyers' calls stay as they were.
    const repeatCalls = (out: ReturnType<typeof runAnalysis>) => {
      const once = new Set(onceOnly(out).map((a) => a.customerCode));
      return out.actions.filter((a) => a.kind === 'recovery' && !once.has(a.customerCode)).map((a) => a.customerCode).sort();
    };
    expect(repeatCalls(off)).toEqual(repeatCalls(on));
  });

  it('says nothing of the kind where repeat buyers hold most of it, as on CDNOW', () => {
    const out = runAnalysis(elogDataset('cdnowElog.csv', { customer: 'masterid', date: 'date', money: 'sales' }), defaults);
    expect(out.actions.some((a) => a.kind === 'recovery')).toBe(true);
    expect(oneTimeCaveat(out.caveats)).toBeUndefined();
  });
});
