import type { z } from 'zod';
import { specTable } from './define';
import { workspaceSpecs } from './workspace';
import { importSpecs } from './import';
import { analysisSpecs } from './analysis';
import { assignmentSpecs } from './assignment';
import { reportSpecs } from './report';
import { productSpecs } from './products';

/** The one table every door is typed from. A new domain adds its spec list here. */
export const contract = specTable(workspaceSpecs, importSpecs, analysisSpecs, assignmentSpecs, reportSpecs, productSpecs);

export type Contract = typeof contract;
export type HandlerName = keyof Contract;
/** What a caller sends (defaults may be omitted). */
export type HandlerInput<N extends HandlerName> = z.input<Contract[N]['input']>;
/** What a handler receives after the door has parsed it. */
export type HandlerArgs<N extends HandlerName> = z.output<Contract[N]['input']>;
export type HandlerResult<N extends HandlerName> = NonNullable<Contract[N]['__output']>;

export const handlerNames = Object.keys(contract) as HandlerName[];
export const isHandlerName = (name: string): name is HandlerName => Object.hasOwn(contract, name);

export * from './errors';
export * from './progress';
export * from './settings';
export * from './transport';
export type { WorkspaceInfo, RecentWorkspace, WorkspaceListing, ListedWorkspace } from './workspace';
export * from './import';
export type { CustomerDetail, CustomerPoint, RecoveryEvaluation, RunComparison, RunListItem } from './analysis';
export * from './report';
export type { CatalogueProduct, ProductGroupSummary, ProductGroupsView } from './products';
export * from './assignment';
export * from './file-access';
