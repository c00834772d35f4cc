import type { GrowthSettings } from '../contract/settings';
import { formatShare } from '../format/numbers';
import type { ProfileResult } from '../model/results';
import { CATCH_ALL } from './labels';

/** A category every one of a profile's best customers buys is no one's gap in it. */
const EVERYONE = 1 - 1e-9;

/**
 * Why a run with several categories has no growth action, in words an analyst can act on: most
 * often no category that some of a profile's best customers lack is bought by enough of the others
 * (a shop of single-category orders: each profile is the one category its members bought). Null
 * where growth found actions.
 */
export function whyNoGrowth(profiles: readonly ProfileResult[], categories: readonly string[], settings: GrowthSettings, listed: number): string | null {
  if (listed > 0 || categories.length === 0 || profiles.length === 0) return null;
  if (categories.length === 1) {
    return `No growth actions: every sale is in one category ('${categories[0]}'), so there is no other category for peers to point a customer to. Import a category or product column to find cross-sell.`;
  }
  let found: { share: number; category: number; profile: ProfileResult } | null = null;
  for (const profile of profiles) {
    for (const [category, share] of profile.penetration.entries()) {
      // "Other products" is a remainder growth never offers: no gap to name.
      if (share < EVERYONE && !CATCH_ALL.test(categories[category]) && (!found || share > found.share)) found = { share, category, profile };
    }
  }
  const bar = formatShare(settings.minPenetration, 0, 'en-US');
  if (!found || found.share < settings.minPenetration) {
    // Lowering the bar helps only where some category is bought by some of a profile's best customers.
    const most =
      found && found.share > 0
        ? ` The most widely bought category some of a profile's best customers lack is '${categories[found.category]}', bought by ${formatShare(found.share, 0, 'en-US')} of profile ${found.profile.id}'s (${found.profile.label}). Lower Peer penetration (--min-penetration) to see weaker suggestions.`
        : " Every category is bought by all of a profile's best customers or by none of them.";
    return `No growth actions: in no profile do at least ${bar} of its best customers buy a category some of them lack, so no peers point anywhere new.${most}`;
  }
  return `No growth actions: no customer lacks, or buys far below its size, a category that at least ${bar} of its profile's best customers buy and at least ${settings.minPeers} peers of its size buy, worth the growth floor (customers with a recovery action, or gone quiet, are left out). Lower Buying peers needed (--min-peers) or Smallest growth action (--min-growth-value) to see weaker suggestions.`;
}
