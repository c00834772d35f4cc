import type { HandlerTable } from './types';
import { workspaceHandlers } from './workspace';
import { importHandlers } from './import';
import { reportHandlers } from './report';
import { portfolioHandlers } from './portfolio';
import { benchmarkHandlers } from './benchmark';

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
} satisfies Partial<HandlerTable>;
