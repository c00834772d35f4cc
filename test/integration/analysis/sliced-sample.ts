import path from 'node:path';
import type { Action } from '../../../shared/model/results';
import { newWorkspace } from '../../helpers/workspace';
import { writeSampleCsv } from './sample-csv';

export type SlicedSample = { w: Awaited<ReturnType<typeof newWorkspace>>; all: Action[] };

/** The generated distributor the slice tests read: imported, analysed at k up to 6, every action listed. */
export async function slicedSample(clientName: string): Promise<SlicedSample> {
  const w = await newWorkspace({ clientName });
  const csv = path.join(w.dir, 'sales.csv');
  writeSampleCsv(csv, { seed: 11, customers: 240 });
  await w.backend.call('import-run', { path: csv });
  await w.backend.call('analysis-run', { settings: { kMax: 6 } });
  return { w, all: (await w.backend.call('analysis-actions', { limit: 100000 })).rows };
}
