import { useCallback, useEffect, useRef, useState } from 'react';
import type { SortState } from '../components/table-model';

/** What a capped table asks the backend for: the words typed in its filter and the order chosen. */
export type ServerQuery = { search: string; sort: SortState };

type ActionSort = 'expectedRevenue' | 'priority' | 'weighted' | 'customerName' | 'category';

/** The action tables' columns the backend can order its whole list by (the others sort what is loaded). */
export const ACTION_SORTS: Readonly<Record<string, ActionSort>> = { expected: 'expectedRevenue', priority: 'priority', weighted: 'weighted', customer: 'customerName', category: 'category' };

/**
 * The search and order to send for an action list: the table's own when the backend knows its
 * column, else the list's default order (the table then sorts the rows it holds).
 */
export function actionListQuery(query: ServerQuery | null, fallback: { sort: ActionSort; dir: 'asc' | 'desc' }): { search?: string; sort: ActionSort; dir: 'asc' | 'desc' } {
  const sort = query?.sort ? ACTION_SORTS[query.sort.column] : undefined;
  return {
    ...(query?.search.trim() ? { search: query.search.trim() } : {}),
    ...(sort && query?.sort ? { sort, dir: query.sort.dir } : fallback),
  };
}

/** Whether what a table asks for is the page a screen loads anyway (no filter, the default order). */
export const isDefaultPage = (asked: { search?: string; sort: ActionSort; dir: 'asc' | 'desc' }, fallback: { sort: ActionSort; dir: 'asc' | 'desc' }): boolean =>
  !asked.search && asked.sort === fallback.sort && asked.dir === fallback.dir;

/** Typing settles this long before the backend is asked. */
const SETTLE_MS = 250;

/**
 * A table capped at a page of a longer list hands its filter and sort here, and the screen loads
 * the page that answers them: filtering only the rows held had said "No row matches" for a customer
 * past the first 2,000 calls, and sorting them ascending had shown the smallest of those 2,000 as
 * the smallest of 53,147. The screen loads by actionListQuery's answer, which stays the same for
 * a sort the backend cannot do.
 */
export function useServerQuery(): { query: ServerQuery | null; settling: boolean; onQueryChange: (q: ServerQuery) => void } {
  const [query, setQuery] = useState<ServerQuery | null>(null);
  // Words typed and not yet asked for: the table's rows are not their answer yet.
  const [settling, setSettling] = useState(false);
  const applied = useRef<ServerQuery | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);
  const onQueryChange = useCallback((q: ServerQuery) => {
    if (timer.current) clearTimeout(timer.current);
    const apply = () => {
      applied.current = q;
      setSettling(false);
      setQuery((old) => (JSON.stringify(old) === JSON.stringify(q) ? old : q));
    };
    // The table's first report and a new order are asked for at once; typing settles first.
    if (applied.current === null || applied.current.search === q.search) {
      apply();
      return;
    }
    setSettling(true);
    timer.current = setTimeout(apply, SETTLE_MS);
  }, []);
  return { query, settling, onQueryChange };
}
