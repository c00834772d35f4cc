import { useCallback, useEffect, useRef, useState } from 'react';
import type { KPreview } from '../../../../shared/contract/analysis';
import { call } from '../../api/client';
import { describeError } from '../../api/errors';

/** Every other k of the swept range, nearest to the run's own first: the ones a user moves to first. */
export function prefetchOrder(runK: number, kMin: number, kMax: number): number[] {
  const ks: number[] = [];
  for (let d = 1; runK - d >= kMin || runK + d <= kMax; d++) {
    if (runK + d <= kMax) ks.push(runK + d);
    if (runK - d >= kMin) ks.push(runK - d);
  }
  return ks;
}

/**
 * Previews of other k for one run, fetched once each: the wanted k at once, then the rest of the
 * range one by one in the background, so moving the slider shows a kept answer without waiting.
 */
export function useKPreviews(
  runId: number | undefined,
  wanted: number | null,
  range: { runK: number; kMin: number; kMax: number } | null,
  /** Starts the background fetch only when the screen's own data is in, so it never delays it. */
  ready: boolean,
): { preview: KPreview | null; error: { code: string; message: string } | null; loading: boolean } {
  const [kept, setKept] = useState<ReadonlyMap<string, KPreview>>(() => new Map());
  const [errors, setErrors] = useState<ReadonlyMap<string, { code: string; message: string }>>(() => new Map());
  const inFlight = useRef(new Map<string, Promise<KPreview>>());
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  const fetchK = useCallback(
    (k: number): Promise<KPreview> => {
      const key = `${runId}:${k}`;
      const running = inFlight.current.get(key);
      if (running) return running;
      const request = call('analysis-k-preview', { runId, k }).then((p) => {
        if (alive.current) setKept((m) => new Map(m).set(key, p));
        return p;
      });
      inFlight.current.set(key, request);
      request.catch(() => inFlight.current.delete(key));
      return request;
    },
    [runId],
  );

  const wantedKey = wanted === null ? null : `${runId}:${wanted}`;
  useEffect(() => {
    if (wanted === null || runId === undefined || kept.has(`${runId}:${wanted}`)) return;
    let live = true;
    const key = `${runId}:${wanted}`;
    fetchK(wanted).catch((e: unknown) => live && setErrors((m) => new Map(m).set(key, describeError(e))));
    return () => {
      live = false;
    };
    // kept is read only to skip a fetch; a new answer arriving must not refetch.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [wantedKey, fetchK]);

  const runK = range?.runK;
  const kMin = range?.kMin;
  const kMax = range?.kMax;
  useEffect(() => {
    if (!ready || runId === undefined || runK === undefined || kMin === undefined || kMax === undefined) return;
    let live = true;
    void (async () => {
      for (const k of prefetchOrder(runK, kMin, kMax)) {
        if (!live) return;
        try {
          await fetchK(k);
        } catch {
          // A k that fails here is fetched (and its error shown) when the slider reaches it.
          return;
        }
      }
    })();
    return () => {
      live = false;
    };
  }, [ready, runId, runK, kMin, kMax, fetchK]);

  const preview = wantedKey === null ? null : (kept.get(wantedKey) ?? null);
  const error = wantedKey === null || preview ? null : (errors.get(wantedKey) ?? null);
  return { preview, error, loading: wantedKey !== null && preview === null && error === null };
}
