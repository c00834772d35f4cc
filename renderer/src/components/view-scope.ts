import { createContext, useContext } from 'react';

/**
 * Whose saved views a screen reads and writes: the open workspace's path, so two clients' tables
 * and Explore slices never share a sort, a filter or a slice. Empty outside a workspace.
 */
export const ViewScopeContext = createContext('');

export const useViewScope = (): string => useContext(ViewScopeContext);

/** The storage key of one saved view: its kind, the workspace, and the view's own name. */
export const viewKey = (kind: 'table' | 'explore', scope: string, name: string): string => `longtail.${kind}.${scope ? `${scope}|` : ''}${name}`;
