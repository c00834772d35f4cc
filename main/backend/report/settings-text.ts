import type { AnalysisSettings } from '../../../shared/contract/settings';
import { formatSetting, settingMeta, settingProse, SETTINGS, settingValue } from '../../../shared/contract/settings-meta';

/**
 * The method of docs/analytics.md in plain words, with this run's thresholds filled in. Every
 * threshold is said with its clause from the settings table, so its wording and its value's
 * format live in one place; a test checks every setting of the table is said here.
 */
export function methodParagraphs(s: AnalysisSettings, asOf: string, k: number): string[] {
  const say = (path: string, value: unknown = settingValue(s, path)): string => settingProse(settingMeta(path), value);
  const volatility = s.recovery.volatility ? `, ${say('recovery.volatility')} ${say('recovery.volatilityAllowance')}` : '';
  return [
    `${say('asOf', asOf)}. Customers are ranked by their revenue in the 12 months up to that day. ` +
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
