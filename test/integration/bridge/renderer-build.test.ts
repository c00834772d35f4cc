import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { rendererBuildNeeded } from '../../../main/backend/bridge/renderer-build';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A project with one source file and, when asked, pages built at `builtAt` (seconds since the epoch). */
function project(builtAt: number | null): { dist: string; source: string; sources: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'longtail-renderer-'));
  made.push(dir);
  const sources = path.join(dir, 'src');
  const source = path.join(sources, 'features', 'Screen.tsx');
  fs.mkdirSync(path.dirname(source), { recursive: true });
  fs.writeFileSync(source, 'export const Screen = () => null;\n');
  fs.utimesSync(source, 1_000, 1_000);
  const dist = path.join(dir, 'dist');
  if (builtAt !== null) {
    fs.mkdirSync(dist);
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html>');
    fs.utimesSync(path.join(dist, 'index.html'), builtAt, builtAt);
  }
  return { dist, source, sources };
}

describe('serving the workbench pages', () => {
  it('builds them once when a fresh clone has none', () => {
    const p = project(null);
    expect(rendererBuildNeeded(p.dist, [p.sources])).toMatch(/^Building the workbench pages once/);
  });

  it('serves them as built when no source changed since', () => {
    const p = project(2_000);
    expect(rendererBuildNeeded(p.dist, [p.sources, path.join(p.sources, 'missing.html')])).toBeNull();
  });

  it('rebuilds them, naming what changed, when a source deep in a folder is newer than the build', () => {
    const p = project(2_000);
    fs.utimesSync(p.source, 3_000, 3_000);
    expect(rendererBuildNeeded(p.dist, [p.sources])).toMatch(/^Rebuilding the workbench pages: .*src changed since they were built/);
  });
});
