/** Where a leakage share falls against the industry band, in words. */
export const BAND_PLACE = { below: 'below', within: 'within', above: 'above' } as const;

/**
 * Data without dates (a spend table) has no recovery: its leakage is growth alone, while the band
 * counts churn and missed cross-sell together, so it is not set against the band.
 */
export const GROWTH_ALONE = 'growth alone: recovery needs dated sales';

/** A client's leakage read over under MIN_BAND_DAYS of data, in a comparison's cell. */
export const TOO_SHORT = 'under a quarter of data';

/** Below a quarter of data, a share of those days' revenue says nothing against a band read over years. */
export const MIN_BAND_DAYS = 90;

/** Why a run's leakage is not set against the band (null when it is): no dates, or too few days. */
export const unbandedWhy = (hasDates: boolean, windowDays: number | undefined): string | null =>
  !hasDates ? GROWTH_ALONE : windowDays !== undefined && windowDays < MIN_BAND_DAYS ? `${windowDays === 1 ? 'one day' : `${windowDays} days`} of data, too few to set against a band read over whole years` : null;
