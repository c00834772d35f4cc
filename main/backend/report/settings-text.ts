import type { AnalysisSettings } from '../../../shared/contract/settings';
import { formatSetting, settingMeta, settingProse, SETTINGS, settingValue } from '../../../shared/contract/settings-meta';
import { leakageSpan, type LeakageSpan } from '../../../shared/format/leakage-span';

/**
 * The exception to the chance needed, as shared/analytics/recovery/decide.ts applies it
 * (MATERIAL_FLOORS, MATERIAL_CHANCE_SHARE, neither exported): an account expected to lose ten value
 * floors or more is flagged from a tenth of the setting. The method's sentence says it through the
 * setting's prose; the table's cell gives the figure, or "50%" would read as the bar for every flag.
 */
const MATERIAL_CHANCE_SHARE = 0.1;

/** "50% (5% for an account expected to lose ten value floors or more)". */
export function chanceNeededWords(minProbability: number): string {
  const meta = settingMeta('recovery.minProbability');
  const lower = formatSetting(meta, Math.round(minProbability * MATERIAL_CHANCE_SHARE * 10000) / 10000);
  return `${formatSetting(meta, minProbability)} (${lower}, a tenth of it, for an account expected to lose ten value floors or more)`;
}

/**
 * The method of docs/analytics.md in plain words, with this run's thresholds filled in. Every
 * threshold is said with its clause from the settings table, so its wording and its value's
 * format live in one place; a test checks every setting of the table is said here.
 */
export function methodParagraphs(s: AnalysisSettings, asOf: string, k: number, span: LeakageSpan = leakageSpan(undefined)): string[] {
  const say = (path: string, value: unknown = settingValue(s, path)): string => settingProse(settingMeta(path), value);
  const volatility = s.recovery.volatility ? `, ${say('recovery.volatility')} ${say('recovery.volatilityAllowance')}` : '';
  return [
    `${say('asOf', asOf)}. Customers are ranked by their ${span.amount} ${span.dated ? 'in the 12 months up to that day' : "in the table (it has no dates, so no 12 months to count)"}. ` +
      `Strategic accounts are ${say('strategicShare')}; everyone else who bought is the long tail.`,
    `Buying-pattern profiles describe what good customers buy: each customer's spend mix over categories, its size and its breadth. ` +
      `They are built with k-means (${say('k', k)}, ${say('restarts')}, ${say('seed')}) from the best customers: ${say('best.minRevenueQuantile')} ` +
      `and ${say('best.minBreadth')}. Every other customer is matched to its nearest profile. The quality scores cover every k ${say('kMin')} ` +
      `${say('kMax')}; ${say('minProfileShare')}.`,
    `Growth actions: ${say('growth.minPenetration')}, which a customer of that profile never buys or ${say('growth.underBuyRatio')}. ` +
      `The expected revenue is ${say('growth.peerQuantile')} peers spend on it, given ${say('growth.minPeers')}, times the share of peers that buy it; ` +
      `${say('growth.minValueShare')}. Customers that stopped buying everything, or ${say('growth.minPAlive')}, get no growth actions.`,
    `Recovery actions: a customer x category relationship is at risk when the time since its last purchase is ${say('recovery.lateness')}${volatility}, ` +
      `or when ${say('recovery.declineThreshold')}${say('recovery.seasonal')}. ${say('recovery.minPurchases')}, and ${say('recovery.minRevenue')}; ` +
      `${say('recovery.minProbability')}. The revenue at risk is what the unit is expected to lose of its usual spend (its prior 12 months' rate), ${say('recovery.horizonDays')}: learned from how such units fared at earlier dates in the same data where that can be learned (else the shortfall of its last 90 days' pace, or its usual spend times the rhythm rules' confidence; the caveats say which), and never more than it ran at; ` +
      `${say('recovery.valueFloor')}. ${s.recovery.winBackOnce ? say('recovery.winBackOnce') : 'A customer that bought only once gets no action, however long it has been silent'}. ${say('recovery.listOrder')}.`,
    leakageParagraph(span),
  ];
}

/**
 * What leakage is and what it is read against: a year's revenue and the 7-30% band; for a spend
 * table, the table's revenue and no band (growth alone); for a purchase log, purchases, set against
 * a band of revenue only as a rough guide.
 */
function leakageParagraph(span: LeakageSpan): string {
  const band = 'the 7-30% of available revenue that B2B vendors report losing to churn and missed cross-sell';
  if (!span.dated) {
    return `A spend table has no dates, so nothing in it can be at risk: leakage is the expected growth alone, a share of ${span.revenue} (whatever stretch the table sums, not a year), and is not set against ${band}, which counts churn too.`;
  }
  const of = `Leakage is the ${span.amount === 'purchases' ? 'purchases' : 'revenue'} at risk plus the expected growth, also shown as a share of ${span.revenue} and set against ${band}`;
  return span.amount === 'purchases'
    ? `${of}. The data has no money, so every amount is a count of purchases (one unit each) and the share is of purchases, not revenue: against the band it is a rough guide, as close as a purchase is to being worth the same across customers and categories.`
    : `${of}.`;
}

/**
 * Every setting as the table names it, with its value and the command-line flag that repeats it,
 * so the run can be repeated exactly.
 */
export function settingsRows(settings: AnalysisSettings): { label: string; value: string; flag: string }[] {
  return SETTINGS.map((m) => {
    const value = settingValue(settings, m.path);
    const flag =
      m.kind === 'switch' ? (value ? '' : `--${m.flag}`) : value === null ? '' : `--${m.flag} ${String(value)}`;
    // The table is read as the rule: the one exception to the chance needed is said in its cell.
    const shown = m.path === 'recovery.minProbability' && typeof value === 'number' ? chanceNeededWords(value) : formatSetting(m, value);
    return { label: m.label, value: shown, flag };
  });
}
