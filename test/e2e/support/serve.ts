import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../../', import.meta.url));

/** Builds the renderer into its own folder, so a stale renderer/dist can never be what is tested. */
export function buildRenderer(outDir: string): void {
  const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--config', path.join(root, 'renderer', 'vite.config.ts'), '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (result.status !== 0 || !fs.existsSync(path.join(outDir, 'index.html'))) {
    throw new Error(`vite build failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
}

export type Served = {
  url: string;
  origin: string;
  token: string;
  /** Calls the backend directly, the way the page does, to check what the page shows. */
  rpc: <T>(name: string, input?: unknown) => Promise<T>;
  stderr: () => string;
  stop: () => Promise<void>;
};

/**
 * Starts `longtail serve` as a detached process group (tsx spawns a child; killing only the
 * parent would orphan it and keep the output pipe open) and reads the URL from its first line.
 */
export async function startServe(options: { workspace: string; home: string; rendererDir: string; timeoutMs?: number }): Promise<Served> {
  const child: ChildProcess = spawn(process.execPath, [path.join(root, 'bin', 'longtail.mjs'), 'serve', '--workspace', options.workspace, '--port', '0'], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LONGTAIL_HOME: options.home, LONGTAIL_RENDERER_DIR: options.rendererDir },
  });
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const stop = async () => {
    if (child.exitCode !== null || child.pid === undefined) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-(child.pid as number), 'SIGKILL');
      } catch {
        /* already gone */
      }
    }, 5000);
    await exited;
    clearTimeout(timer);
  };
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`longtail serve printed no URL in time.\n${err}`)), options.timeoutMs ?? 90_000);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('http://'));
      if (line) {
        clearTimeout(timer);
        resolve(line.trim());
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`longtail serve exited with ${code} before printing its URL.\n${err}`));
    });
  }).catch(async (e: unknown) => {
    await stop();
    throw e;
  });
  const parsed = new URL(url);
  const token = parsed.searchParams.get('token') ?? '';
  const rpc = async <T>(name: string, input: unknown = {}): Promise<T> => {
    const response = await fetch(`${parsed.origin}/rpc/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-longtail-token': token },
      body: JSON.stringify(input),
    });
    const outcome = (await response.json()) as { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
    if (!outcome.ok) throw new Error(`${name}: ${outcome.error.code} ${outcome.error.message}`);
    return outcome.value;
  };
  return { url, origin: parsed.origin, token, rpc, stderr: () => err, stop };
}
