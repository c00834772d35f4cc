import { useCallback, useEffect, useRef, useState } from 'react';
import { describeError } from '../api/errors';

/**
 * Runs `work` for the latest input only: while one request is in flight, newer inputs replace each
 * other and only the last is sent next. A slider dragged across 40 values makes a handful of calls,
 * and an old answer never overwrites a newer one.
 */
export function useCoalesced<I, O>(work: (input: I) => Promise<O>): {
  run: (input: I) => void;
  result: O | null;
  error: { code: string; message: string } | null;
  pending: boolean;
} {
  const [result, setResult] = useState<O | null>(null);
  const [error, setError] = useState<{ code: string; message: string } | null>(null);
  const [pending, setPending] = useState(false);
  const next = useRef<{ input: I } | null>(null);
  const busy = useRef(false);
  const alive = useRef(true);
  const workRef = useRef(work);
  useEffect(() => {
    workRef.current = work;
  });
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  const pump = useCallback(async () => {
    if (busy.current) return;
    busy.current = true;
    while (next.current && alive.current) {
      const { input } = next.current;
      next.current = null;
      try {
        const out = await workRef.current(input);
        if (alive.current && !next.current) {
          setResult(out);
          setError(null);
        }
      } catch (e) {
        if (alive.current && !next.current) setError(describeError(e));
      }
    }
    busy.current = false;
    if (alive.current) setPending(false);
  }, []);

  const run = useCallback(
    (input: I) => {
      next.current = { input };
      setPending(true);
      void pump();
    },
    [pump],
  );
  return { run, result, error, pending };
}
