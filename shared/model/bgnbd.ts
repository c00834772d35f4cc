/**
 * The BG/NBD fit behind "probability alive", shown in the open: its parameters, how well it
 * predicted a holdout it never saw, and whether it is degenerate (and so must not gate anything).
 * Time is in weeks, as in Fader, Hardie & Lee (2005).
 */
export type BgNbdParameters = { r: number; alpha: number; a: number; b: number };

/** One row of the conditional-expectation check (the paper's Fig. 3): customers by calibration repeat purchases. */
export type BgNbdHoldoutBucket = {
  /** "0", "1", ... "7+": repeat purchases in the calibration period. */
  label: string;
  customers: number;
  /** Repeat purchases these customers really made in the holdout. */
  actual: number;
  /** What the calibration fit expected them to make there, E[Y(t) | x, t_x, T] summed. */
  predicted: number;
};

export type BgNbdHoldoutCheck = {
  /** Last day (inclusive) of the calibration period the model was fitted on. */
  calibrationEnd: string;
  /** Last day of the holdout: the run's as-of date. */
  holdoutEnd: string;
  holdoutWeeks: number;
  /** Customers that had bought by the calibration end: the cohort whose holdout purchases are counted. */
  customers: number;
  params: BgNbdParameters;
  logLikelihood: number;
  actual: number;
  predicted: number;
  /** predicted / actual - 1; null when nothing was bought in the holdout. */
  error: number | null;
  buckets: BgNbdHoldoutBucket[];
  /**
   * Each customer of the run carries its bucket (CustomerResult.holdoutGroup), so a bar opens exactly
   * the customers it counts. Absent on runs stored before the buckets were kept per customer.
   */
  groupsKept?: boolean;
};

/** The last bucket of the holdout check: this many calibration repeat purchases or more ("7+"). */
export const HOLDOUT_LAST_GROUP = 7;

export type BgNbdVerdict = 'healthy' | 'degenerate';

export type BgNbdDegeneracyCheck = {
  /** E[p] = a / (a + b): the mean chance a customer drops out after any purchase. */
  dropoutMean: number;
  /** Share of customers at the mean purchase rate (r/alpha) expected to leave within a year: 1 - (1 - a/(a+b))^(52.18 r/alpha). */
  annualDropout: number;
  /** Customers silent for more than 3 of their own mean intervals and at least 180 days. */
  silentCustomers: number;
  /** Median P(alive) of those customers; null when there are too few to judge. */
  silentMedianPAlive: number | null;
  /**
   * The optimiser stopped without converging, or a parameter ran to the edge of the search space.
   * Shown, but only non-convergence makes a fit degenerate: r and alpha at the edge together mean
   * every customer buys at the same rate, which leaves P(alive) meaningful.
   */
  atBoundary: boolean;
};

export type BgNbdFitReport = {
  params: BgNbdParameters;
  logLikelihood: number;
  /** Customers with a purchase by the as-of date (each gets a P(alive)). */
  customers: number;
  /** Customers the parameters were fitted on (an even spread of at most a few thousand). */
  fittedCustomers: number;
  repeatBuyers: number;
  converged: boolean;
  verdict: BgNbdVerdict;
  /** Plain-words reasons for a degenerate verdict; empty when healthy. */
  reasons: string[];
  degeneracy: BgNbdDegeneracyCheck;
  /** Whether growth skipped customers with P(alive) below growth.minPAlive in this run. */
  gateApplied: boolean;
  /** Null when the data is too short to hold a period back (with the reason in holdoutNote). */
  holdout: BgNbdHoldoutCheck | null;
  holdoutNote: string | null;
};
