import os from 'node:os';
import path from 'node:path';

/** Where recent workspaces and app settings live when no Electron userData folder is given. */
export function defaultAppDataDir(): string {
  if (process.env.LONGTAIL_HOME) return path.resolve(process.env.LONGTAIL_HOME);
  if (process.platform === 'win32' && process.env.APPDATA) return path.join(process.env.APPDATA, 'Longtail');
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', 'Longtail');
  return path.join(process.env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'), 'longtail');
}
