import type { Tier } from './results';

/**
 * One cut of a run's actions and customers, the shape every drill-down and cross-filter shares:
 * each field set narrows it, and fields combine (territory x profile x category x tier x rep).
 */
export type Slice = {
  kind?: 'growth' | 'recovery';
  territory?: string;
  rep?: string;
  category?: string;
  tier?: Tier;
  /** Profile id as the run numbers them (1-based). */
  profile?: number;
  /**
   * A bar of the BG/NBD holdout check: customers with this many repeat purchases in its calibration
   * period (HOLDOUT_LAST_GROUP = that many or more). Actions are those of its customers.
   */
  repeats?: number;
};

export const SLICE_DIMENSIONS = ['territory', 'rep', 'category', 'tier', 'profile', 'repeats'] as const;
export type SliceDimension = (typeof SLICE_DIMENSIONS)[number];

/** How leakage and slices name a missing territory, rep or profile: filtering on it means "not set". */
export const NONE_KEY = '(none)';

/** Actions, customers and money behind one key of a breakdown. */
export type SliceGroup = { key: string; actions: number; customers: number; expected: number };
