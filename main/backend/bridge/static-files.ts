import fs from 'node:fs';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { send } from './http-io';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

export const contentType = (file: string): string => TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';

/**
 * Serves the built renderer. A path with no extension is a screen of the single-page app and
 * gets index.html; anything that would leave the folder is a 404, never a file elsewhere.
 */
export function serveStatic(res: ServerResponse, root: string, pathname: string, extraHeaders: Record<string, string>): void {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    send(res, 400, 'Bad path', { 'content-type': 'text/plain; charset=utf-8' });
    return;
  }
  const wantsPage = decoded === '/' || path.extname(decoded) === '';
  const file = path.resolve(root, `.${wantsPage ? '/index.html' : decoded}`);
  const rel = path.relative(root, file);
  if (decoded.includes('\0') || rel.startsWith('..') || path.isAbsolute(rel) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
    send(res, 404, 'Not found', { 'content-type': 'text/plain; charset=utf-8' });
    return;
  }
  send(res, 200, fs.readFileSync(file), {
    'content-type': contentType(file),
    // Hashed asset names change with every build; the page itself must always be fresh.
    'cache-control': wantsPage ? 'no-store' : 'private, max-age=3600',
    ...extraHeaders,
  });
}
