import type { Progress } from '../../shared/contract/progress';
import type { Session } from './session';

/** What every handler receives besides its parsed input. Clocks are injected, never read globally. */
export type HandlerContext = {
  session: Session;
  progress: (p: Progress) => void;
  signal: AbortSignal;
  now: () => Date;
};
