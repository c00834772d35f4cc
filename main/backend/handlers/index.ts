import type { HandlerTable } from './types';
import { workspaceHandlers } from './workspace';

/**
 * Every contract entry has exactly one implementation here; `satisfies HandlerTable` makes a
 * missing or misspelt one a compile error, and a test checks the table against the contract.
 */
export const handlers = {
  ...workspaceHandlers,
} satisfies Partial<HandlerTable>;
