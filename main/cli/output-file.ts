import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/contract/errors';

/**
 * The file an option names to write, resolved against the working folder. Its folder must exist:
 * a mistyped folder had been created silently and the file written where nobody would look.
 */
export function outputFile(cwd: string, flag: string, given: string): string {
  const file = path.resolve(cwd, given);
  const folder = path.dirname(file);
  if (!fs.existsSync(folder)) {
    throw new AppError('FILE_NOT_FOUND', `--${flag} ${given}: the folder ${folder} does not exist. Create it first, or give a file in a folder that exists.`, {
      flag,
      path: folder,
    });
  }
  if (!fs.statSync(folder).isDirectory()) {
    throw new AppError('FILE_NOT_FOUND', `--${flag} ${given}: ${folder} is a file, not a folder. Give a file in a folder.`, { flag, path: folder });
  }
  return file;
}
