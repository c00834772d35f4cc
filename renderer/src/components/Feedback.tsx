import { screenWords } from '../app/screen-words';
import { useEffect, useRef, type ReactNode } from 'react';
import type { Progress } from '../../../shared/contract';
import { describeError } from '../api/errors';

const UNIT_WORDS: Record<Progress['unit'], string> = { rows: 'rows', bytes: 'bytes', steps: 'steps', customers: 'customers' };

export function progressText(p: Progress | null): string {
  if (!p) return 'Starting…';
  const done = p.unit === 'bytes' ? `${(p.done / 1e6).toFixed(1)} MB` : p.done.toLocaleString();
  const total = p.total === null ? '' : p.unit === 'bytes' ? ` of ${(p.total / 1e6).toFixed(1)} MB` : ` of ${p.total.toLocaleString()}`;
  const unit = p.unit === 'bytes' ? '' : ` ${UNIT_WORDS[p.unit]}`;
  const eta = p.etaMs != null && p.etaMs > 1000 ? ` · about ${Math.ceil(p.etaMs / 1000)} s left` : '';
  return `${p.message ?? p.phase}: ${done}${total}${unit}${eta}`;
}

/** A labelled progress bar with an optional Cancel: every long operation shows one. */
export function ProgressBar({ label, progress, onCancel }: { label: string; progress: Progress | null; onCancel?: () => void }) {
  const fraction = progress && progress.total ? Math.min(1, progress.done / progress.total) : null;
  return (
    <div className="progress" role="group" aria-label={label}>
      <div className="progress-head">
        <strong>{label}</strong>
        <span className="muted" aria-live="polite" data-testid="progress-text">
          {progressText(progress)}
        </span>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
      <progress max={1} value={fraction ?? undefined} aria-label={label} />
    </div>
  );
}

/** Shows what went wrong and, through the message, what to do next. */
export function ErrorNotice({ error, onDismiss, action }: { error: unknown; onDismiss?: () => void; action?: ReactNode }) {
  // A notice below the fold (under a form, in a short window) read as a button that did nothing: brought into view.
  const shown = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error) shown.current?.scrollIntoView?.({ block: 'nearest' });
  }, [error]);
  if (!error) return null;
  const { code, message } = typeof error === 'object' && error !== null && 'message' in error && 'code' in error ? (error as { code: string; message: string }) : describeError(error);
  return (
    <div className="notice error" role="alert" data-code={code} ref={shown}>
      <p>{screenWords(message)}</p>
      <div className="notice-actions">
        {action}
        {onDismiss && (
          <button type="button" onClick={onDismiss}>
            Dismiss
          </button>
        )}
      </div>
    </div>
  );
}

export function Stat({ label, value, detail, testId, small }: { label: string; value: string; detail?: ReactNode; testId?: string; small?: boolean }) {
  return (
    <div className={small ? 'stat small' : 'stat'} data-testid={testId}>
      <div className="stat-label">{label}</div>
      <div className="stat-value">{value}</div>
      {detail && <div className="stat-detail muted">{detail}</div>}
    </div>
  );
}

export function Panel({ title, children, actions, className, id }: { title: string; children: ReactNode; actions?: ReactNode; className?: string; id?: string }) {
  return (
    <section className={`panel${className ? ` ${className}` : ''}`} aria-label={title} id={id}>
      <header className="panel-head">
        <h2>{title}</h2>
        {actions}
      </header>
      {children}
    </section>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty muted">{children}</p>;
}

/** "Saved report.html" after an export or report was written; shows the file name, not the folder. */
export function SavedNotice({ path }: { path: string | null }) {
  if (!path) return null;
  return (
    <span className="muted" role="status">
      Saved {path.split(/[\\/]/).pop()}
    </span>
  );
}
