import { useState } from 'react';
import type { Progress } from '../../../../shared/contract';
import { isCancelled } from '../../api/errors';

/** Horizons a backtest can be asked for from the Recovery screen (the run's own is the default). */
const HORIZONS = [90, 120, 180, 270, 365];

/** The backtest horizon picker: the run's horizon, shortened to fit, or a set number of days. */
export function HorizonSelect({ id, value, onChange, disabled }: { id: string; value: number | null; onChange: (days: number | null) => void; disabled: boolean }) {
  return (
    <>
      <label htmlFor={id} className="muted">
        Horizon
      </label>
      <select id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value === '' ? null : Number(e.target.value))} disabled={disabled}>
        <option value="">as the run (shortened to fit)</option>
        {HORIZONS.map((d) => (
          <option key={d} value={d}>
            {d} days
          </option>
        ))}
      </select>
    </>
  );
}

export type ReplayJob = { progress: Progress | null; controller: AbortController };

/**
 * A long replay the user can follow and cancel: `start` runs `work` with an abort signal and a
 * progress callback, keeps its result, and keeps an error unless it was the user's own cancel.
 */
export function useReplayJob<T>() {
  const [result, setResult] = useState<T | null>(null);
  const [job, setJob] = useState<ReplayJob | null>(null);
  const [error, setError] = useState<unknown>(null);
  const start = async (work: (options: { signal: AbortSignal; onProgress: (p: Progress) => void }) => Promise<T>) => {
    const controller = new AbortController();
    setJob({ progress: null, controller });
    setError(null);
    try {
      setResult(await work({ signal: controller.signal, onProgress: (progress) => setJob((j) => (j ? { ...j, progress } : j)) }));
    } catch (e) {
      if (!isCancelled(e)) setError(e);
    } finally {
      setJob(null);
    }
  };
  return { result, job, error, clearError: () => setError(null), start };
}
