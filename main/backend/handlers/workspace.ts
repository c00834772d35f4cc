import { workspaceInfo } from '../workspace/info';
import { createWorkspace, openWorkspace, updateWorkspace } from '../workspace/lifecycle';
import { listWorkspaces } from '../workspace/list';
import { forgetMissingRecent, readRecent, recentWorkspaces } from '../workspace/recent';
import type { DomainHandlers } from './types';

export const workspaceHandlers = {
  'workspace-create': (ctx, args) => createWorkspace(ctx.session, args, ctx.now()),
  'workspace-open': (ctx, args) => openWorkspace(ctx.session, args.path, ctx.now()),
  'workspace-info': (ctx) => workspaceInfo(ctx.session),
  'workspace-update': (ctx, args) => updateWorkspace(ctx.session, args),
  'workspace-close': (ctx) => ({ closed: ctx.session.close() }),
  'workspace-recent': (ctx) => recentWorkspaces(ctx.session),
  'workspace-forget-missing': (ctx) => forgetMissingRecent(ctx.session),
  'workspace-list': (ctx, args) => listWorkspaces(ctx.session.appDataDir, args.folder, readRecent(ctx.session)),
} satisfies DomainHandlers<'workspace'>;
