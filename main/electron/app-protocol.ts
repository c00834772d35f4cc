import fs from 'node:fs';
import path from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../backend/bridge/csp';
import { contentType } from '../backend/bridge/static-files';
import { APP_HOST, APP_SCHEME } from './security';

/** Registered before app ready: standard + secure so the page gets a real origin, fetch and storage. */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true },
};

/** The file an app:// URL names inside the built renderer, or null for anything else. */
export function resolveAppFile(url: string, rendererDir: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const wantsPage = pathname === '/' || path.extname(pathname) === '';
  const file = path.resolve(rendererDir, `.${wantsPage ? '/index.html' : pathname}`);
  const rel = path.relative(rendererDir, file);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return null;
  return file;
}

/** Answers app:// requests from the built renderer, every response with our CSP. */
export function appProtocolHandler(rendererDir: string): (request: { url: string }) => Promise<Response> {
  const headers = (type: string): Record<string, string> => ({
    'content-type': type,
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
  });
  return async (request) => {
    const file = resolveAppFile(request.url, rendererDir);
    if (!file) return new Response('Not found', { status: 404, headers: headers('text/plain; charset=utf-8') });
    try {
      const body = await fs.promises.readFile(file);
      return new Response(body, { status: 200, headers: headers(contentType(file)) });
    } catch {
      return new Response('Not found', { status: 404, headers: headers('text/plain; charset=utf-8') });
    }
  };
}
