#!/usr/bin/env node
// Runs the compiled CLI in out/cli (built at install by bin/prepare.mjs, or `npm run build:cli`)
// while it is at least as new as every source it was built from; otherwise, e.g. right after an
// edit, it runs the TypeScript sources through tsx, which is slower to start but never stale.
import { readFileSync, statSync } from 'node:fs';

const root = new URL('../', import.meta.url);

function compiledIsCurrent() {
  if (process.env.LONGTAIL_FROM_SOURCE === '1') return false;
  try {
    const { builtAt, inputs } = JSON.parse(readFileSync(new URL('out/cli/inputs.json', root), 'utf8'));
    return inputs.every((file) => statSync(new URL(file, root)).mtimeMs <= builtAt);
  } catch {
    return false;
  }
}

if (compiledIsCurrent()) {
  await import('../out/cli/longtail.mjs');
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../main/cli/index.ts');
}
