import path from 'node:path';
import type { ExportResult } from '../../../shared/contract/assignment';
import type { Backend } from '../dispatch';

/**
 * For `longtail run`: writes assignments.xlsx (the latest plan, or a new one with default
 * settings) for the workspace open in `backend`. `out` is a .xlsx file or a folder.
 */
export async function writeAssignmentWorkbook(backend: Backend, out: string): Promise<ExportResult> {
  const file = path.extname(out).toLowerCase() === '.xlsx' ? out : path.join(out, 'assignments.xlsx');
  return await backend.call('export-assignments', { out: file, format: 'xlsx' });
}
