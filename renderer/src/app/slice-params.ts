import { NONE_KEY, SLICE_DIMENSIONS, type Slice, type SliceDimension } from '../../../shared/model/slice';
import type { ProfileResult, Tier } from '../../../shared/model/results';
import { HOLDOUT_LAST_GROUP } from '../../../shared/model/bgnbd';
import type { Location } from './navigation';

/** The screen every drill-down opens: actions and customers of one slice, with its breadcrumb. */
export const EXPLORE = 'explore';

const TIERS: readonly Tier[] = ['strategic', 'long-tail', 'inactive'];
export const TIER_WORDS: Record<Tier, string> = { strategic: 'strategic', 'long-tail': 'long tail', inactive: 'inactive' };
export const DIMENSION_LABEL: Record<SliceDimension | 'kind', string> = {
  kind: 'Kind',
  territory: 'Territory',
  rep: 'Rep',
  category: 'Category',
  tier: 'Tier',
  profile: 'Profile',
  repeats: 'Repeat purchases',
};

/**
 * A bar of the BG/NBD holdout check in words: "3 repeat purchases", "7+ repeat purchases"; the
 * bucket number from its label ("7+" is the last).
 */
export const repeatsWords = (n: number): string => (n >= HOLDOUT_LAST_GROUP ? `${HOLDOUT_LAST_GROUP}+ repeat purchases` : `${n} repeat purchase${n === 1 ? '' : 's'}`);
export const repeatsOfLabel = (label: string): number | null => {
  const n = Number.parseInt(label, 10);
  return Number.isInteger(n) && n >= 0 && n <= HOLDOUT_LAST_GROUP ? n : null;
};
/** The order crumbs and filters read in, so the same slice always reads the same way. */
export const SLICE_FIELDS = ['kind', ...SLICE_DIMENSIONS] as const;
export type SliceField = (typeof SLICE_FIELDS)[number];

/** Reads a slice from the address; values that cannot be one (a typo, an old link) are dropped. */
export function sliceFromParams(params: Record<string, string>): Slice {
  const slice: Slice = {};
  if (params.kind === 'growth' || params.kind === 'recovery') slice.kind = params.kind;
  if (params.territory) slice.territory = params.territory;
  if (params.rep) slice.rep = params.rep;
  if (params.category) slice.category = params.category;
  if (TIERS.includes(params.tier as Tier)) slice.tier = params.tier as Tier;
  const profile = Number(params.profile);
  if (params.profile && Number.isInteger(profile)) slice.profile = profile;
  const repeats = Number(params.repeats);
  if (params.repeats && Number.isInteger(repeats) && repeats >= 0 && repeats <= HOLDOUT_LAST_GROUP) slice.repeats = repeats;
  return slice;
}

export function sliceToParams(slice: Slice): Record<string, string> {
  const params: Record<string, string> = {};
  for (const field of SLICE_FIELDS) {
    const v = slice[field];
    if (v !== undefined) params[field] = String(v);
  }
  return params;
}

/**
 * Where a click that narrows to `add` leads: from any screen to Explore with that slice (remembering
 * the screen for the breadcrumb), and inside Explore to the current slice narrowed further.
 */
export function drillTarget(from: Location, add: Slice): Location {
  if (from.screen === EXPLORE) {
    return { screen: EXPLORE, params: { ...from.params, ...sliceToParams(add) } };
  }
  return { screen: EXPLORE, params: { ...sliceToParams(add), from: from.screen } };
}

/** The same place without one field: a crumb's remove button. */
export function withoutField(location: Location, field: SliceField): Location {
  const params = { ...location.params };
  delete params[field];
  return { screen: location.screen, params };
}

/**
 * A leakage row's key as a slice: profiles are keyed by label there and by id here, and customers
 * without a profile are the ones that bought nothing in 12 months, i.e. the inactive tier.
 */
export function sliceOfKey(dimension: SliceDimension, key: string, profiles: readonly Pick<ProfileResult, 'id' | 'label'>[]): Slice | null {
  switch (dimension) {
    case 'profile': {
      if (key === NONE_KEY) return { tier: 'inactive' };
      const byLabel = profiles.find((p) => p.label === key);
      if (byLabel) return { profile: byLabel.id };
      const id = Number(key);
      return Number.isInteger(id) && profiles.some((p) => p.id === id) ? { profile: id } : null;
    }
    case 'tier':
      return TIERS.includes(key as Tier) ? { tier: key as Tier } : null;
    case 'repeats': {
      const n = repeatsOfLabel(key);
      return n === null ? null : { repeats: n };
    }
    default:
      return { [dimension]: key };
  }
}

/** How one field of a slice reads in a breadcrumb: "Territory: North", "Profile 3: Bakery-led". */
export function fieldText(field: SliceField, slice: Slice, profiles: readonly Pick<ProfileResult, 'id' | 'label'>[]): string | null {
  const v = slice[field];
  if (v === undefined) return null;
  if (field === 'kind') return v === 'growth' ? 'Growth actions' : 'Recovery actions';
  if (field === 'tier') return `Tier: ${TIER_WORDS[v as Tier]}`;
  if (field === 'repeats') return `Holdout check: ${repeatsWords(Number(v))}`;
  if (field === 'profile') {
    const p = profiles.find((x) => x.id === v);
    return p ? `Profile ${p.id}: ${p.label}` : `Profile ${v}`;
  }
  const text = v === NONE_KEY ? 'none set' : String(v);
  return `${DIMENSION_LABEL[field]}: ${text}`;
}
