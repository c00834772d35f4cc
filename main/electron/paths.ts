import fs from 'node:fs';
import path from 'node:path';

export type ShellPaths = {
  preload: string;
  worker: string;
  rendererDir: string;
  /** Holds sample/ (and native/ when packaged with an Electron-ABI SQLite build). */
  resourcesDir: string;
  nativeBinding: string | undefined;
};

/**
 * Where the built pieces are: out/{main,preload,renderer} beside each other, resources/ at the
 * project root in development and in process.resourcesPath (extraResources) when packaged.
 */
export function shellPaths(mainDir: string, options: { packaged: boolean; resourcesPath: string; appPath: string }): ShellPaths {
  const resourcesDir = options.packaged ? options.resourcesPath : path.join(options.appPath, 'resources');
  const native = path.join(resourcesDir, 'native', 'better_sqlite3.node');
  return {
    preload: path.join(mainDir, '..', 'preload', 'index.cjs'),
    worker: path.join(mainDir, 'worker.js'),
    rendererDir: path.join(mainDir, '..', 'renderer'),
    resourcesDir,
    nativeBinding: fs.existsSync(native) ? native : undefined,
  };
}
