import { z } from 'zod';
import { handlerSpec } from './define';

/** user: chosen by someone; data: read from an imported file; locale/default: a guess before any data said. */
export type CurrencySource = 'user' | 'data' | 'locale' | 'default';

/** An ISO 4217 code the platform knows ('XYZ' or 'POU' for "pounds" would label every figure wrongly). */
const currencyCode = z
  .string()
  .regex(/^[A-Z]{3}$/, 'Use a three-letter ISO currency code such as USD')
  .refine((code) => typeof Intl.supportedValuesOf !== 'function' || Intl.supportedValuesOf('currency').includes(code), {
    message: 'Not an ISO currency code: use one such as USD, EUR or GBP',
  });

export type WorkspaceInfo = {
  path: string;
  fileName: string;
  clientName: string;
  currency: string;
  currencySource: CurrencySource;
  createdAt: string;
  schemaVersion: number;
  appVersion: string;
  imports: number;
  transactions: number;
  customers: number;
  categories: number;
  /** ISO dates of the first and last transaction; null when there is no data yet. */
  dateFrom: string | null;
  dateTo: string | null;
  hasDates: boolean;
  revenue: number;
  lastAnalysis: { runId: number; createdAt: string; asOf: string } | null;
  /** The data as it stands (imports, product groups): a run made on other data has another (AnalysisSummary.dataHash). */
  dataHash: string;
  /** The file could only be opened for reading: it can be shown, reported and exported, not changed. */
  readOnly: boolean;
};

export type RecentWorkspace = { path: string; clientName: string; openedAt: string; exists: boolean };

/** A workspace file found in a folder, named without opening it for writing. */
export type ListedWorkspace = { path: string; fileName: string; clientName: string; modifiedAt: string; bytes: number };
/** `folder` is absolute: the one asked for, or the app-data workspaces folder (created on first use). */
export type WorkspaceListing = { folder: string; isDefault: boolean; workspaces: ListedWorkspace[] };

const path = z.string().min(1, 'Give the path of the workspace file');

export const workspaceSpecs = [
  handlerSpec<WorkspaceInfo>()(
    'workspace-create',
    z.object({
      path,
      clientName: z.string().min(1).max(200),
      /** Left out, the currency is guessed from the system locale and then from the first import. */
      currency: currencyCode.optional(),
      overwrite: z.boolean().default(false),
    }),
  ),
  handlerSpec<WorkspaceInfo>()('workspace-open', z.object({ path })),
  handlerSpec<WorkspaceInfo>()('workspace-info', z.object({})),
  handlerSpec<WorkspaceInfo>()(
    'workspace-update',
    z.object({
      clientName: z.string().min(1).max(200).optional(),
      currency: currencyCode.optional(),
    }),
  ),
  handlerSpec<{ closed: boolean }>()('workspace-close', z.object({})),
  handlerSpec<RecentWorkspace[]>()('workspace-recent', z.object({})),
  /** Takes the entries whose file no longer exists off the recent list; returns what is left. */
  handlerSpec<RecentWorkspace[]>()('workspace-forget-missing', z.object({})),
  handlerSpec<WorkspaceListing>()('workspace-list', z.object({ folder: z.string().min(1).optional() })),
] as const;
