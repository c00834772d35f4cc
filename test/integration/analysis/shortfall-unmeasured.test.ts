import { describe, expect, it } from 'vitest';
import { savedStages } from '../../../main/backend/analysis/saved-stages';
import { pastTraining } from '../../../shared/analytics/recovery/risk-reasons';
import { reasonFormat } from '../../../shared/analytics/recovery/reasons';
import { runAnalysis } from '../../../shared/analytics/pipeline';
import { assessRisk, type RiskModels } from '../../../shared/analytics/risk';
import { seededRandom } from '../../../shared/analytics/rng';
import { analysisSettingsSchema } from '../../../shared/contract/settings';
import { dayFromIso, isoFromDay } from '../../../shared/format/dates';
import { makeDataset, type Row } from '../../unit/analytics/make-dataset';
import { newWorkspace } from '../../helpers/workspace';

/*
 * Under the run-rate fallback a unit's chance is its shortfall bin's decline rate at the training
 * dates, pulled toward the overall rate. Where no training unit had fallen as far short, that is the
 * overall rate and nothing more, and a reason must not say "how such customers fared in this data".
 */

const AS_OF = '2022-06-30';

/** 150 shops ordering dairy and bakery every week for two and a half years; 12 have gone quiet for two to four weeks. */
function weeklyShops(): Row[] {
  const random = seededRandom(5);
  const rows: Row[] = [];
  const end = dayFromIso(AS_OF);
  for (let c = 0; c < 150; c++) {
    const quiet = c < 12 ? 14 + Math.floor(random() * 14) : 0;
    for (let d = dayFromIso('2020-01-01') + (c % 7); d <= end - quiet; d += 7) {
      for (const category of ['Dairy', 'Bakery']) rows.push({ customer: `W${c}`, date: isoFromDay(d), category, revenue: Math.round(80 + 40 * random()) });
    }
  }
  return rows;
}

describe('weekly buyers gone quiet, priced by the run-rate fallback in a history where no customer fell as far short', () => {
  const ds = makeDataset(weeklyShops());
  const out = runAnalysis(ds, { ...analysisSettingsSchema.parse({}), asOf: AS_OF });
  const recovery = out.actions.filter((a) => a.kind === 'recovery');
  const risk = out.stages.risk;

  it('counts the training units in each shortfall bin, and not one of them in the bins the quiet shops fall in', () => {
    expect(risk?.customer.basis).toBe('run-rate');
    const bins = risk?.customer.training?.shortfallUnits ?? [];
    expect(bins.reduce((a, b) => a + b, 0)).toBe(450);
    expect(bins).toEqual([331, 119, 0, 0, 0]);
  });

  it("says, where no training customer fell as far short, that the data only gives the rate over all customers, and keeps the measured words where 119 had", () => {
    const cf = risk?.customer;
    const shortfallOf = (code: string): number => cf?.lossShare[ds.customers.findIndex((c) => c.code === code)] ?? Number.NaN;
    const far = recovery.filter((a) => shortfallOf(a.customerCode) >= 0.25);
    const near = recovery.filter((a) => shortfallOf(a.customerCode) < 0.25);
    expect(far.length).toBeGreaterThan(0);
    expect(near.length).toBeGreaterThan(0);
    for (const a of far) {
      expect(a.reason).toMatch(
        /\(\d+% chance it falls below half by the rhythm rules' confidence, not measured on this data: no customer at the earlier dates it learned from had fallen this far short of its usual pace \(of the 450 customers counted there\), so all they give is the decline rate over all of them \(0%\)\)$/,
      );
    }
    // A fall under a quarter of the usual pace: 119 customers at the training dates had fallen as far, and none declined.
    for (const a of near) expect(a.reason).toMatch(/\(\d+% chance it falls below half by the rhythm rules' confidence; how such customers fared in this data puts it at 0%\)$/);
  });
});

describe('a run-rate fallback kept in a workspace', () => {
  it('reads its bins back after a save and a load, and one kept by an earlier version (no bins) keeps the measured words', async () => {
    const ws = await newWorkspace({ clientName: 'Weekly Shops' });
    try {
      const ds = makeDataset(weeklyShops());
      const cut = dayFromIso(AS_OF);
      const stages = savedStages(ws.backend.session.db, 'weekly-hash');
      const learned = assessRisk(ds, cut, 365, (learn) => {
        const models = learn();
        stages.save('risk', 'as-of', models);
        return models;
      });
      const kept = stages.load('risk', 'as-of') as RiskModels;
      expect(kept.customer.training?.shortfallUnits).toEqual(learned.customer.training?.shortfallUnits);

      // An earlier version stored the training without the bins' counts.
      const older = JSON.parse(JSON.stringify(kept.customer.training)) as Record<string, unknown>;
      delete older.shortfallUnits;
      const reopened = assessRisk(ds, cut, 365, () => ({ ...kept, customer: { ...kept.customer, training: older as never } }));
      const f = reasonFormat('USD');
      // W2, one of the quiet shops: its last 90 days over a quarter short of its usual pace, further than any shop at the training dates.
      const quiet = ds.customers.findIndex((c) => c.code === 'W2');
      expect(learned.customer.lossShare[quiet]).toBeGreaterThan(0.25);
      expect(pastTraining(learned.customer, quiet, 'customers', f)).toContain('no customer at the earlier dates it learned from had fallen this far short');
      expect(reopened.customer.basis).toBe('run-rate');
      expect(pastTraining(reopened.customer, quiet, 'customers', f)).toBeNull();
      expect(Array.from(reopened.customer.pDecline)).toEqual(Array.from(learned.customer.pDecline));
    } finally {
      ws.cleanup();
    }
  });
});
