import { z } from 'zod';
import { handlerSpec } from './define';

export type WorkspaceInfo = {
  path: string;
  fileName: string;
  clientName: string;
  currency: string;
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
};

export type RecentWorkspace = { path: string; clientName: string; openedAt: string; exists: boolean };

const path = z.string().min(1, 'Give the path of the workspace file');

export const workspaceSpecs = [
  handlerSpec<WorkspaceInfo>()(
    'workspace-create',
    z.object({
      path,
      clientName: z.string().min(1).max(200),
      currency: z.string().regex(/^[A-Z]{3}$/, 'Use a three-letter ISO currency code such as USD').default('USD'),
      overwrite: z.boolean().default(false),
    }),
  ),
  handlerSpec<WorkspaceInfo>()('workspace-open', z.object({ path })),
  handlerSpec<WorkspaceInfo>()('workspace-info', z.object({})),
  handlerSpec<WorkspaceInfo>()(
    'workspace-update',
    z.object({
      clientName: z.string().min(1).max(200).optional(),
      currency: z.string().regex(/^[A-Z]{3}$/).optional(),
    }),
  ),
  handlerSpec<{ closed: boolean }>()('workspace-close', z.object({})),
  handlerSpec<RecentWorkspace[]>()('workspace-recent', z.object({})),
] as const;
