import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { contract, handlerNames, PATH_FIELDS, storedPaths, writesFiles } from '../../../shared/contract';
import { PathPolicy } from '../../../main/backend/access/path-policy';

const PATH_LIKE = /^(path|paths|out|folder|workspace|file|files)$/;

describe('the file access declared with the contract', () => {
  it('lists every input field that names a file or folder, so no door forgets to confine one', () => {
    for (const name of handlerNames) {
      const schema = contract[name].input as unknown as z.ZodObject;
      const keys = Object.keys(schema.shape ?? {}).filter((k) => PATH_LIKE.test(k));
      const declared = ((PATH_FIELDS as Record<string, readonly { key: string }[]>)[name] ?? []).map((f) => f.key);
      expect({ name, keys: keys.sort() }).toEqual({ name, keys: [...declared].sort() });
    }
  });

  it('lets a later export replace a file Longtail wrote this session, and no other', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'longtail-policy-'));
    try {
      const policy = new PathPolicy({ roots: [dir], advice: () => 'Use --root.' });
      const ours = path.join(dir, 'plan.xlsx');
      const theirs = path.join(dir, 'theirs.xlsx');
      fs.writeFileSync(ours, 'x');
      fs.writeFileSync(theirs, 'y');
      expect(() => policy.checkPath(ours, 'write')).toThrow(/did not write it/);
      policy.recordWritten(ours);
      expect(() => policy.checkPath(ours, 'write')).not.toThrow();
      expect(() => policy.checkPath(theirs, 'write')).toThrow(/did not write it/);
      expect(() => policy.checkPath(path.join(dir, 'new', 'deep', 'plan.csv'), 'write')).not.toThrow();
      expect(() => policy.checkPath(path.join(dir, '..'), 'list')).toThrow(/may not list/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('which handlers write files', () => {
  it('are exactly the exports and reports, named by their contract entries rather than by their names', () => {
    expect(handlerNames.filter((n) => writesFiles(n)).sort()).toEqual([
      'benchmark-export',
      'export-assignments',
      'export-territories',
      'import-rejects-export',
      'products-groups-export',
      'report-build',
    ]);
  });
});

describe('which calls store the file they read', () => {
  it('are the sales and roster imports, named by their contract entries, and only for fields they read', () => {
    const storing = Object.entries(PATH_FIELDS as Record<string, readonly { key: string; access: string; stores?: string }[]>)
      .flatMap(([name, fields]) => fields.filter((f) => f.stores).map((f) => ({ name, key: f.key, access: f.access })))
      .sort((a, b) => a.name.localeCompare(b.name));
    expect(storing).toEqual([
      { name: 'import-run', key: 'path', access: 'read' },
      { name: 'roster-import', key: 'path', access: 'read' },
    ]);
  });

  it('name the imported file after a real import, and nothing after a dry run, a preview or any other call', () => {
    expect(storedPaths('import-run', { path: '/up/1/sales.csv' })).toEqual(['/up/1/sales.csv']);
    expect(storedPaths('import-run', { path: '/up/1/sales.csv', dryRun: false })).toEqual(['/up/1/sales.csv']);
    expect(storedPaths('import-run', { path: '/up/1/sales.csv', dryRun: true })).toEqual([]);
    expect(storedPaths('roster-import', { path: '/up/2/reps.csv' })).toEqual(['/up/2/reps.csv']);
    expect(storedPaths('import-preview', { path: '/up/1/sales.csv' })).toEqual([]);
    expect(storedPaths('export-assignments', { out: '/x/plan.xlsx' })).toEqual([]);
    expect(storedPaths('import-run', null)).toEqual([]);
  });
});
