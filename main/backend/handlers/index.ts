import type { HandlerTable } from './types';
import { workspaceHandlers } from './workspace';
import { importHandlers } from './import';
import { reportHandlers } from './report';
import { portfolioHandlers } from './portfolio';
import { benchmarkHandlers } from './benchmark';
import { rosterHandlers } from './roster';
import { assignmentHandlers } from './assignment';
import { exportHandlers } from './export';
import { analysisHandlers } from './analysis';
import { productHandlers } from './products';

/**
 * Every contract entry has exactly one implementation here; `satisfies HandlerTable` makes a
 * missing or misspelt one a compile error, and a test checks the table against the contract.
 */
export const handlers = {
  ...workspaceHandlers,
  ...importHandlers,
  ...reportHandlers,
  ...portfolioHandlers,
  ...benchmarkHandlers,
  ...rosterHandlers,
  ...assignmentHandlers,
  ...exportHandlers,
  ...analysisHandlers,
  ...productHandlers,
} satisfies HandlerTable;
