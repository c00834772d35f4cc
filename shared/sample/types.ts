import type { CategorySpec } from './catalog';

export type GeneratorOptions = {
  seed: number;
  customers: number;
  /** ISO day of the last possible sale (the natural as-of date). */
  endDate: string;
  /** Length of the history in calendar months; default 24. */
  months?: number;
  /** How many catalogue categories to sell; default 12, max 15. */
  categories?: number;
};

export type SampleRow = {
  invoice: string;
  /** ISO YYYY-MM-DD. */
  date: string;
  customerId: string;
  customerName: string;
  category: string;
  product: string;
  quantity: number;
  unitPrice: number;
  revenue: number;
  rep: string;
  territory: string;
  segment: string;
};

export type DefectionKind = 'stopped' | 'declining' | 'churned-all';
export type TrapKind = 'seasonal' | 'long-cycle' | 'volatile' | 'one-time';

export type PlantedTruth = {
  categories: string[];
  /** Buying-pattern archetypes; categories listed heaviest first. */
  patterns: { name: string; categories: string[] }[];
  /** customerId -> index into patterns. */
  customerPattern: Record<string, number>;
  /**
   * 'stopped' and 'churned-all': no purchase after fromDate. 'declining': spend starts sliding at
   * fromDate towards 20-40% of its baseline while purchases continue.
   */
  defections: { customerId: string; category: string; kind: DefectionKind; fromDate: string }[];
  /** Relationships that look alarming to naive analytics but are healthy. */
  traps: { customerId: string; category: string; kind: TrapKind }[];
  /** A core category of the customer's pattern that this customer never buys. */
  crossSellGaps: { customerId: string; category: string }[];
};

export type RosterRow = { rep: string; kind: 'inside' | 'outside'; territory: string; capacity: number };

export type RelationshipKind = 'regular' | DefectionKind | TrapKind;

export type RelationshipPlan = {
  category: number;
  kind: RelationshipKind;
  seed: number;
  startDay: number;
  /** Mean days between orders. */
  cycle: number;
  /** Coefficient of variation of the interval. */
  jitter: number;
  /** Baseline money per order. */
  orderValue: number;
  /** Defections: see PlantedTruth; one-time and long-cycle: the (last) purchase day. */
  keyDay: number;
  /** Declining: the share of baseline spend it slides to. */
  declineTo: number;
  /** Seasonal: 0-based calendar months it is bought in. */
  seasonMonths: number[];
  preferredProduct: number;
};

export type CustomerPlan = {
  index: number;
  id: string;
  name: string;
  pattern: number;
  segment: string;
  territory: string;
  rep: string;
  repChange: { day: number; rep: string } | null;
  priceFactor: number;
  relationships: RelationshipPlan[];
};

export type DistributorPlan = {
  seed: number;
  startDay: number;
  endDay: number;
  categories: CategorySpec[];
  customers: CustomerPlan[];
  roster: RosterRow[];
  truth: PlantedTruth;
};
