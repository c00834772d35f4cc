import { writeBenchmark } from '../report/benchmark';
import { collectPortfolio } from '../report/collect';
import type { DomainHandlers } from './types';

export const benchmarkHandlers = {
  'benchmark-export': async (ctx, args) => {
    const portfolio = await collectPortfolio(ctx, args);
    const written = writeBenchmark(portfolio, args.out, { backtest: args.backtest });
    return { path: written.path, format: written.format, rows: portfolio.rows.length, anonymised: portfolio.anonymised, portfolio };
  },
} satisfies DomainHandlers<'benchmark'>;
