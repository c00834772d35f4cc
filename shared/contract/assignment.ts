import { z } from 'zod';
import { handlerSpec } from './define';
import type { Tier } from '../model/results';

export const REP_KINDS = ['inside', 'outside', 'unknown'] as const;
export type RepKind = (typeof REP_KINDS)[number];

/** The most accounts a rep (or a plan's default) can be given: one bound for roster files, the editor and the plan settings. */
export const MAX_CAPACITY = 100_000;

export type RosterRep = {
  name: string;
  kind: RepKind;
  territory: string | null;
  /** Accounts per period; null = the plan's default for the rep's kind. */
  capacity: number | null;
  /** Inactive reps stay in the roster (the data still names them) but get no new accounts. */
  active: boolean;
  /** Customers whose current rep this is in the imported data. */
  dataAccounts: number;
};

/** Stored with every plan, so a plan can be explained and replayed. */
export const assignmentSettingsSchema = z.object({
  /** Capacity of an outside rep whose roster entry has none (accounts per period). */
  outsideCapacity: z.number().int().min(0).max(MAX_CAPACITY).default(40),
  /** Capacity of an inside rep whose roster entry has none. */
  insideCapacity: z.number().int().min(0).max(MAX_CAPACITY).default(150),
  /** Long-tail accounts worth less than this go to inside reps even when outside reps have room. */
  minOutsideValue: z.number().min(0).default(0),
  /** Whether strategic accounts a rep keeps use up that rep's capacity (by default capacity is long-tail work). */
  strategicUsesCapacity: z.boolean().default(false),
  /** Reps seen only in the data have no kind: treat them as this, or leave them out. */
  unknownKindAs: z.enum(['outside', 'inside', 'skip']).default('outside'),
});
export type AssignmentSettings = z.infer<typeof assignmentSettingsSchema>;
export type AssignmentSettingsInput = z.input<typeof assignmentSettingsSchema>;

/** kept: strategic account stays with its rep; assigned: placed by the engine; overridden: a manager locked it. */
export const ASSIGNMENT_STATUSES = ['kept', 'assigned', 'overridden', 'unassigned'] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

export type AccountAssignment = {
  customerCode: string;
  customerName: string;
  tier: Tier;
  territory: string | null;
  /** The rep the data names for this customer. */
  currentRep: string | null;
  /** Who calls the account under this plan; null when unassigned. */
  rep: string | null;
  repKind: RepKind | null;
  status: AssignmentStatus;
  /** Plain words with the numbers: "long tail, $4,200 recovery + $1,100 growth, West outside rep has capacity". */
  reason: string;
  actions: number;
  recovery: number;
  growth: number;
  expectedRevenue: number;
  /** Highest priority among the account's actions (0..100). */
  priority: number;
};

export type RepLoad = {
  rep: string;
  kind: RepKind;
  territory: string | null;
  /** Effective capacity (roster value or the plan's default for its kind); 0 for an inactive rep. */
  capacity: number;
  /**
   * false: the roster marks the rep inactive; listed only for the accounts it still holds (kept
   * strategic ones, a manager's lock), adding no capacity. Absent on plans stored before: active.
   */
  active?: boolean;
  accounts: number;
  /** Of those, strategic accounts the rep keeps. */
  keptAccounts: number;
  actions: number;
  recovery: number;
  growth: number;
  expectedRevenue: number;
  /** Accounts that use capacity / capacity; above 1 when overrides (or kept strategic accounts) overflow it. */
  capacityUse: number;
};

export type TerritoryLoad = {
  /** '(no territory)' for accounts the data gives no territory. */
  territory: string;
  reps: number;
  outsideReps: number;
  insideReps: number;
  accounts: number;
  assigned: number;
  /**
   * Of the assigned, accounts placed with a rep of another territory (or of none): an inside rep's
   * fallback. Its capacity is counted there, so a territory can read "141 assigned, capacity 0"
   * (absent on plans stored before).
   */
  assignedElsewhere?: number;
  unassigned: number;
  capacity: number;
  /** Accounts placed with the territory's reps that use capacity / their capacity. */
  capacityUse: number;
  /** Expected revenue of the territory's accounts the plan gives a rep (assigned, kept or overridden). */
  expectedRevenue: number;
  /** Money at risk a year (the run's horizon's put on a yearly footing, as the overview's leakage). */
  recovery: number;
  /** Growth a year. */
  growth: number;
  /** recovery + growth a year of every account of the territory, assigned or not (the overview's leakage, by territory). */
  leakage: number;
  revenue12m: number;
  /** leakage / revenue12m (0 without revenue). */
  leakageShare: number;
};

export type AssignmentOverride = { customerCode: string; rep: string; note: string | null; createdAt: string };

export type AssignmentTotals = {
  accounts: number;
  assigned: number;
  kept: number;
  overridden: number;
  unassigned: number;
  /** Of the unassigned, strategic accounts the data gives no rep: a senior rep's to take (absent on plans stored before). */
  unassignedStrategic?: number;
  actions: number;
  expectedRevenue: number;
};

export type AssignmentPlanSummary = {
  planId: number;
  runId: number;
  createdAt: string;
  asOf: string;
  currency: string;
  settings: AssignmentSettings;
  totals: AssignmentTotals;
  reps: RepLoad[];
  territories: TerritoryLoad[];
  overrides: AssignmentOverride[];
  /**
   * The roster was saved (or imported) after this plan was made: its reps, kinds and capacities
   * are not the plan's. Absent where not known.
   */
  rosterChanged?: boolean;
};

export type AssignmentPlan = AssignmentPlanSummary & {
  /** Accounts matching the query, after offset/limit. */
  total: number;
  accounts: AccountAssignment[];
};

export type ExportResult = {
  /** Every file written, absolute paths. */
  files: string[];
  planId: number;
  /** Data rows written over all files and sheets. */
  rows: number;
  accounts: number;
};

const rosterEntry = z.object({
  name: z.string().trim().min(1, 'A rep needs a name').max(200),
  kind: z.enum(REP_KINDS).default('unknown'),
  territory: z.string().trim().max(200).nullable().default(null),
  capacity: z.number().int().min(0).max(MAX_CAPACITY).nullable().default(null),
  active: z.boolean().default(true),
});
export type RosterEntryInput = z.input<typeof rosterEntry>;

const planQuery = {
  planId: z.number().int().optional(),
  rep: z.string().optional(),
  territory: z.string().optional(),
  status: z.enum(ASSIGNMENT_STATUSES).optional(),
  search: z.string().optional(),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(100_000).default(1000),
};

const out = z.string().min(1, 'Give the file or folder to write');

export const assignmentSpecs = [
  handlerSpec<RosterRep[]>()('roster-list', z.object({})),
  handlerSpec<RosterRep[]>()('roster-save', z.object({ reps: z.array(rosterEntry).min(1) })),
  handlerSpec<{ read: number; created: number; updated: number; /** Columns not read, and what a missing column leaves as it was. */ warnings: string[]; reps: RosterRep[] }>()(
    'roster-import',
    z.object({ path: z.string().min(1), sheet: z.string().optional() }),
  ),
  handlerSpec<AssignmentPlan>()(
    'assignment-plan',
    z.object({
      runId: z.number().int().optional(),
      settings: assignmentSettingsSchema.prefault({}),
      ...planQuery,
    }),
  ),
  handlerSpec<AssignmentPlan>()('assignment-get', z.object(planQuery)),
  handlerSpec<AssignmentPlan>()(
    'assignment-override',
    z.object({ customerCode: z.string().min(1), rep: z.string().trim().min(1), note: z.string().max(500).optional() }),
  ),
  handlerSpec<AssignmentPlan>()('assignment-clear-override', z.object({ customerCode: z.string().min(1) })),
  handlerSpec<ExportResult>()(
    'export-assignments',
    z.object({
      /** A .xlsx or .csv file, or a folder (assignments.xlsx / assignments.csv / one CSV per rep inside). */
      out,
      /** Default: from the file extension, else xlsx. */
      format: z.enum(['xlsx', 'csv']).optional(),
      /** CSV only: one file per rep instead of one combined file with a rep column. */
      perRep: z.boolean().default(false),
      planId: z.number().int().optional(),
    }),
  ),
  handlerSpec<ExportResult>()(
    'export-territories',
    z.object({ out, format: z.enum(['xlsx', 'csv']).optional(), planId: z.number().int().optional() }),
  ),
] as const;
