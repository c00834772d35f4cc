import type { SortState } from '../../components/table-model';

type CustomerSort = 'revenue12m' | 'breadth' | 'atRiskRevenue' | 'growthRevenue' | 'pAlive' | 'name';

/** The customer table's columns the backend can order a whole slice by, and its sort for each. */
const CUSTOMER_SORT_OF: Readonly<Record<string, CustomerSort>> = {
  name: 'name',
  revenue: 'revenue12m',
  breadth: 'breadth',
  atRisk: 'atRiskRevenue',
  growth: 'growthRevenue',
  pAlive: 'pAlive',
};

export const CUSTOMER_SERVER_SORTS: readonly string[] = Object.keys(CUSTOMER_SORT_OF);

/** The order to load a slice's customers in: the table's where the backend knows it, else largest first. */
export function customerSortOf(sort: SortState): { sort: CustomerSort; dir: 'asc' | 'desc' } {
  const known = sort ? CUSTOMER_SORT_OF[sort.column] : undefined;
  return known && sort ? { sort: known, dir: sort.dir } : { sort: 'revenue12m', dir: 'desc' };
}

const CUSTOMER_WORDS: Readonly<Record<string, string>> = {
  name: 'name',
  code: 'code',
  tier: 'tier',
  revenue: '12-month revenue',
  breadth: 'categories bought',
  affinity: 'distance to profile',
  atRisk: 'money at risk',
  growth: 'growth',
  pAlive: 'P(alive)',
  rep: 'rep',
  territory: 'territory',
};

const ACTION_WORDS: Readonly<Record<string, string>> = {
  customer: 'customer',
  kind: 'kind',
  category: 'category',
  expected: 'expected money',
  range: 'likely range',
  weighted: 'call value',
  priority: 'priority',
  rep: 'rep',
  territory: 'territory',
  reason: 'reason',
};

const TEXT_COLUMNS = new Set(['name', 'code', 'tier', 'customer', 'kind', 'category', 'rep', 'territory', 'reason']);

function orderWords(words: Readonly<Record<string, string>>, sort: { column: string; dir: 'asc' | 'desc' }): string {
  const what = words[sort.column] ?? sort.column;
  if (TEXT_COLUMNS.has(sort.column)) return `by ${what}, ${sort.dir === 'asc' ? 'A to Z' : 'Z to A'}`;
  return `by ${what}, ${sort.dir === 'asc' ? 'smallest' : 'largest'} first`;
}

/**
 * What the customers title says of the order shown: the whole slice's where the backend orders it,
 * else the rows loaded (the largest by revenue) re-sorted among themselves.
 */
export function customerListTitle(sort: SortState, capped: boolean, loaded: string): string {
  if (!sort || (sort.column === 'revenue' && sort.dir === 'desc')) return 'largest first';
  if (CUSTOMER_SORT_OF[sort.column] !== undefined) return orderWords(CUSTOMER_WORDS, sort);
  return capped ? `the ${loaded} largest, ${orderWords(CUSTOMER_WORDS, sort)}` : orderWords(CUSTOMER_WORDS, sort);
}

/** The backend orders the whole list by these; any other column orders only the rows loaded. */
const ACTION_SERVER_COLUMNS = new Set(['expected', 'priority', 'weighted', 'customer', 'category']);

/** What the action list's title says of its order, following the column the analyst sorts by. */
export function actionListTitle(sort: SortState, capped = false, loaded = ''): string {
  if (!sort || (sort.column === 'priority' && sort.dir === 'desc')) return 'highest priority first';
  if (sort.column === 'priority') return 'lowest priority first';
  if (ACTION_SERVER_COLUMNS.has(sort.column) || !capped) return orderWords(ACTION_WORDS, sort);
  return `the ${loaded} of highest priority, ${orderWords(ACTION_WORDS, sort)}`;
}
