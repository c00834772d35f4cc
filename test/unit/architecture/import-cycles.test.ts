import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCycles, importGraph, runtimeImports } from '../../helpers/import-graph';

const root = path.resolve(__dirname, '../../..');

describe('the import graph', () => {
  it('has no runtime import cycle in main/, renderer/ or shared/', () => {
    const graph = importGraph(root, ['main', 'renderer', 'shared']);
    expect(graph.files.length).toBeGreaterThan(100);
    expect(importCycles(graph).map((c) => c.join(' -> '))).toEqual([]);
  });

  it('counts value imports, re-exports and lazy imports, and leaves type-only imports out', () => {
    const text = [
      "import { a } from './value';",
      "import type { B } from './type-only';",
      "import { type C, type D } from './all-types';",
      "import { type E, f } from './mixed';",
      "import './side-effect';",
      "export { g } from './re-export';",
      "export type { H } from './type-re-export';",
      "const lazy = () => import('./lazy');",
      "import fs from 'node:fs';",
    ].join('\n');
    expect(runtimeImports('example.ts', text).sort()).toEqual(['./lazy', './mixed', './re-export', './side-effect', './value']);
  });

  it('finds a cycle however long it is, and only the files on it', () => {
    const arrows = new Map([
      ['a.ts', new Set(['b.ts'])],
      ['b.ts', new Set(['c.ts'])],
      ['c.ts', new Set(['a.ts', 'd.ts'])],
      ['d.ts', new Set<string>()],
      ['e.ts', new Set(['e.ts'])],
    ]);
    expect(importCycles({ files: [...arrows.keys()], arrows })).toEqual([['a.ts', 'b.ts', 'c.ts'], ['e.ts']]);
  });
});
