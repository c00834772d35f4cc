import { useEffect, useState, type DependencyList } from 'react';
import { describeError } from '../api/errors';

export type AsyncState<T> = { data: T | null; error: { code: string; message: string } | null; loading: boolean };

const sameInputs = (a: DependencyList, b: DependencyList): boolean => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

/**
 * Loads data for a screen and drops answers that arrive after the inputs changed (a slow answer for
 * an old filter must never overwrite a newer one). While new inputs load, the previous data stays
 * on screen, marked as loading, so tables do not flash empty and can say they are updating.
 */
export function useAsync<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList): AsyncState<T> & { reload: () => void } {
  // `inputs`: what the data answers. Loading is any render whose inputs it does not answer yet,
  // the first and every change after (once, only the first had said so).
  const [state, setState] = useState<{ data: T | null; error: AsyncState<T>['error']; inputs: DependencyList | null }>({ data: null, error: null, inputs: null });
  const [nonce, setNonce] = useState(0);
  const inputs = [...deps, nonce];
  useEffect(() => {
    const controller = new AbortController();
    let live = true;
    const answering = [...deps, nonce];
    load(controller.signal).then(
      (data) => live && setState({ data, error: null, inputs: answering }),
      (e: unknown) => live && setState({ data: null, error: describeError(e), inputs: answering }),
    );
    return () => {
      live = false;
      controller.abort();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller lists what the loader depends on
  }, [...deps, nonce]);
  const loading = state.inputs === null || !sameInputs(state.inputs, inputs);
  return { data: state.data, error: state.error, loading, reload: () => setNonce((n) => n + 1) };
}
