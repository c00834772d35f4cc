import type { GrowthSettings } from '../contract/settings';
import { formatCount, formatShare } from '../format/numbers';
import type { ProfileResult } from '../model/results';
import type { UnderFloor } from './growth';
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

/** Below this share of the growth actions, the long tail is said to get almost none. */
export const LONG_TAIL_GROWTH_SHARE = 0.05;

/** How every long-tail growth note begins, so the Growth screen can show it beside its list. */
const TAIL_OPENINGS = ['No growth action reaches the long tail', 'Almost no growth action reaches the long tail'];

export const isLongTailGrowthNote = (note: string): boolean => TAIL_OPENINGS.some((o) => note.startsWith(o));

/**
 * Why the long tail got no growth (or almost none) where the value floor left its gaps out, or null:
 * a product sold on long-tail revenue listed all of Online Retail II's 1,769 growth actions on
 * strategic accounts and said nowhere that the 3,033 long-tail customers got none. `floor` and
 * `value` are money with its span ("£68 a year"), `value` rounded as reasons round it.
 */
export function longTailGrowthNote(o: { longTail: number; tailActions: number; growthActions: number; under: UnderFloor; floor: string; value: string; minValueShare: number }): string | null {
  if (o.longTail === 0 || o.growthActions === 0 || o.under.gaps === 0 || o.tailActions >= LONG_TAIL_GROWTH_SHARE * o.growthActions) return null;
  const n = (x: number) => formatCount(x, 'en-US');
  const head =
    o.tailActions === 0
      ? `${TAIL_OPENINGS[0]}: none of the ${n(o.growthActions)} growth actions is for its ${n(o.longTail)} customers. The value floor of ${o.floor} left out all`
      : `${TAIL_OPENINGS[1]}: ${n(o.tailActions)} of the ${n(o.growthActions)} growth actions ${o.tailActions === 1 ? 'is' : 'are'} for its ${n(o.longTail)} customers. The value floor of ${o.floor} left out`;
  const gaps = `${n(o.under.gaps)}${o.tailActions === 0 ? '' : ' more'} growth gap${o.under.gaps === 1 ? '' : 's'} found for ${o.under.customers === 1 ? 'one' : n(o.under.customers)} of them`;
  return `${head} ${gaps}, about ${o.value} in all. Lower Smallest growth action (--min-growth-value, growth.minValueShare, now ${formatShare(o.minValueShare, 0, 'en-US')}) to list them.`;
}
