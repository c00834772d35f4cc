import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

/**
 * Makes a file unwritable for this process, returning how to undo it. Root ignores permission bits,
 * so there it is marked immutable; where neither works it returns null and the test says so and skips.
 */
export function makeReadOnly(file: string): (() => void) | null {
  if (process.getuid?.() !== 0) {
    fs.chmodSync(file, 0o444);
    return () => fs.chmodSync(file, 0o644);
  }
  try {
    execFileSync('chattr', ['+i', file], { stdio: 'ignore' });
    return () => execFileSync('chattr', ['-i', file], { stdio: 'ignore' });
  } catch {
    return null;
  }
}
