import { useEffect, useState, type DependencyList } from 'react';
import { describeError } from '../api/errors';

export type AsyncState<T> = { data: T | null; error: { code: string; message: string } | null; loading: boolean };

/**
 * Loads data for a screen and drops answers that arrive after the inputs changed (a slow answer for
 * an old filter must never overwrite a newer one). While new inputs load, the previous data stays
 * on screen, so tables do not flash empty.
 */
export function useAsync<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList): AsyncState<T> & { reload: () => void } {
  const [state, setState] = useState<AsyncState<T>>({ data: null, error: null, loading: true });
  const [nonce, setNonce] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    let live = true;
    load(controller.signal).then(
      (data) => live && setState({ data, error: null, loading: false }),
      (e: unknown) => live && setState({ data: null, error: describeError(e), loading: false }),
    );
    return () => {
      live = false;
      controller.abort();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller lists what the loader depends on
  }, [...deps, nonce]);
  return { ...state, reload: () => setNonce((n) => n + 1) };
}
