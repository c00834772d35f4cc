import type { PortfolioRow } from '../contract/report';

/** Whether the comparison was made with backtests: a blank backtest figure means something else in each case. */
export type BenchmarkOptions = { backtest: boolean };

/** "meets all three", "misses: capture, money", "not judged: too few declines": a miss must not read as a pass. */
export function backtestVerdictWords(r: PortfolioRow, options: BenchmarkOptions): string | null {
  if (r.status !== 'ok' || !options.backtest) return null;
  const v = r.backtestVerdict ?? null;
  if (v === null) return r.growthOnly ? 'not run: no dates' : 'not run: too short a history to replay';
  if (!v.judged) return `not judged: ${v.why}`;
  const missed = (['capture', 'precision', 'money'] as const).filter((t) => !v[t]);
  return missed.length === 0 ? 'meets all three' : `misses: ${missed.join(', ')}`;
}
