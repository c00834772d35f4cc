import type { WorkspaceInfo } from '../../../../shared/contract';

/** Why a button that would change the workspace is off, and the way round it; null when it may write. */
export function readOnlyWhy(workspace: Pick<WorkspaceInfo, 'readOnly'> | null | undefined): string | null {
  return workspace?.readOnly
    ? 'This workspace is read-only: Longtail can show it, report on it and export the plans stored in it, but not change it. To import, analyse, plan or edit, copy it to a folder you can write to and open the copy.'
    : null;
}

/**
 * Said where the workspace is named, before any click: a read-only file had looked like any other
 * until an import or a re-run failed with WORKSPACE_READ_ONLY.
 */
export function ReadOnlyMark({ workspace }: { workspace: Pick<WorkspaceInfo, 'readOnly'> | null | undefined }) {
  const why = readOnlyWhy(workspace);
  if (!why) return null;
  return (
    <span className="badge read-only" title={why} data-testid="read-only-mark">
      Read-only
    </span>
  );
}
