import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshWorkspaces } from '../../helpers/workspace';
import { storeCounts } from './fixtures';

const workspace = freshWorkspaces();
const HEADER = 'Customer,Date,Category,Net Sales';

describe('removing an import', () => {
  it('takes its rows, rejects, customers and categories out, leaves the other import as it was, and lets the file be imported again', async () => {
    const w = await workspace();
    const first = path.join(w.dir, 'first.csv');
    const second = path.join(w.dir, 'wrong-file.csv');
    fs.writeFileSync(first, `${HEADER}\nA,2025-01-05,Dairy,100\nB,2025-02-05,Dairy,200\n`);
    fs.writeFileSync(second, `${HEADER}\nB,2025-03-05,Meat,50\nZ,2025-03-06,Toys,70\nY,not a date,Toys,5\n`);
    await w.backend.call('import-run', { path: first });
    const before = storeCounts(w.backend);
    const wrong = await w.backend.call('import-run', { path: second });
    expect(wrong).toMatchObject({ rowsImported: 2, rowsRejected: 1 });

    const removed = await w.backend.call('import-remove', { importId: wrong.importId as number });
    expect(removed).toEqual({ importId: wrong.importId, file: 'wrong-file.csv', rowsRemoved: 2, customersRemoved: 1, categoriesRemoved: 2 });
    expect(storeCounts(w.backend)).toEqual(before);
    expect((await w.backend.call('import-list', {})).map((s) => s.file)).toEqual([expect.stringContaining('first.csv')]);
    expect(await w.backend.call('workspace-info', {})).toMatchObject({ customers: 2, categories: 1, transactions: 2, dateTo: '2025-02-05' });
    // The same file is no duplicate any more.
    expect(await w.backend.call('import-run', { path: second })).toMatchObject({ rowsImported: 2, rowsRejected: 1 });
  });

  it('answers NOT_FOUND for an import that is not there, and keeps a product list, saying what to do instead', async () => {
    const w = await workspace();
    expect(await w.backend.invoke('import-remove', { importId: 42 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const master = path.join(w.dir, 'products.csv');
    fs.writeFileSync(master, 'Product,Product Group\nP1,Mugs\nP2,Plates\n');
    const list = await w.backend.call('import-run', { path: master, shape: 'product-master' });
    const outcome = await w.backend.invoke('import-remove', { importId: list.importId as number });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('Import a corrected product list instead') } });
  });
});
