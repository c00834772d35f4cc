import { collectPortfolio } from '../report/collect';
import type { DomainHandlers } from './types';

export const portfolioHandlers = {
  'portfolio-summarise': (ctx, args) => collectPortfolio(ctx, args),
} satisfies DomainHandlers<'portfolio'>;
