/** Where a leakage share falls against the industry band, in words. */
export const BAND_PLACE = { below: 'below', within: 'within', above: 'above' } as const;

/**
 * Data without dates (a spend table) has no recovery: its leakage is growth alone, while the band
 * counts churn and missed cross-sell together, so it is not set against the band.
 */
export const GROWTH_ALONE = 'growth alone: recovery needs dated sales';
