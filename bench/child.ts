import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Runs `script --child kind --file file --dir <fresh temp folder>` in its own process, so its peak
 * memory is its own, and returns the JSON of the last line it printed. The folder is removed after.
 */
export function runMeasuredChild<T>(script: string, kind: string, file: string): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'longtail-bench-'));
  try {
    const out = execFileSync(process.execPath, ['--import', 'tsx', script, '--child', kind, '--file', file, '--dir', dir], { encoding: 'utf8', maxBuffer: 1 << 24 });
    return JSON.parse(out.trim().split('\n').pop() ?? '{}') as T;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
