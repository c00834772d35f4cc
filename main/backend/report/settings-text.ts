import type { AnalysisSettings } from '../../../shared/contract/settings';
import { formatShare } from '../../../shared/format/numbers';
import { formatSetting, SETTINGS, settingValue } from '../../../shared/contract/settings-meta';

const ordinal = (q: number): string => {
  const n = Math.round(q * 100);
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
  return `${n}${suffix} percentile`;
};

/** The method of docs/analytics.md in plain words, with this run's thresholds filled in. */
export function methodParagraphs(s: AnalysisSettings, asOf: string, k: number): string[] {
  const r = s.recovery;
  const g = s.growth;
  return [
    `Every window is counted back from the as-of date, ${asOf}. Customers are ranked by their revenue in the 12 months up to that day. ` +
      `Strategic accounts are the top customers that together make ${formatShare(s.strategicShare, 0)} of it; everyone else who bought is the long tail.`,
    `Buying-pattern profiles describe what good customers buy: each customer's spend mix over categories, its size and its breadth. ` +
      `They are built with k-means (k = ${k}, ${s.restarts} seeded restarts, seed ${s.seed}) from the best customers: revenue at or above the ` +
      `${ordinal(s.best.minRevenueQuantile)} and at least ${s.best.minBreadth} categories bought. Every other customer is matched to its nearest profile.`,
    `Growth actions: a category that at least ${formatShare(g.minPenetration, 0)} of a profile's best customers buy, which a customer of that profile never buys ` +
      `or buys at under ${formatShare(g.underBuyRatio, 0)} of what peers of its size spend. The expected revenue is the ${ordinal(g.peerQuantile)} of what ` +
      `at least ${g.minPeers} buying peers of similar size spend on it, times the share of peers that buy it. Customers that stopped buying everything, ` +
      `or whose probability of still being active (BG/NBD) is below ${formatShare(g.minPAlive, 0)}, get no growth actions.`,
    `Recovery actions: a customer x category relationship is at risk when the time since its last purchase is more than ${r.lateness} of the customer's ` +
      `own purchase cycles${r.volatility ? `, widened by ${r.volatilityAllowance} standard deviations for irregular buyers` : ''}, or when its spend falls below ` +
      `${formatShare(r.declineThreshold, 0)} of its own baseline${r.seasonal ? ' for the same season (seasonal categories are judged against the same months of earlier years)' : ''}. ` +
      `Relationships with fewer than ${r.minPurchases} purchases have no rhythm yet and are never flagged. The revenue at risk is the relationship's run-rate before the slide.`,
    'Leakage is the revenue at risk plus the expected growth revenue, also shown as a share of 12-month revenue and set against the 7-30% of available ' +
      'revenue that B2B vendors report losing to churn and missed cross-sell.',
  ];
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
    return { label: m.label, value: formatSetting(m, value), flag };
  });
}
