import { cookieName } from '../auth';
import { HttpError } from '../http-io';
import type { Route } from '../routing';
import { serveStatic } from '../static-files';

/**
 * Pages and assets of the built renderer. The first page is opened with ?token=; it then drops the
 * token from its address, and the cookie set here signs in its assets and later reloads.
 */
export function pageRoute(staticDir: string, token: string, port: () => number): Route {
  return {
    accept: ['query', 'cookie'],
    handle(req, res, url) {
      if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, 'INVALID_INPUT', 'Pages are read with GET.');
      const cookie = `${cookieName(port())}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`;
      serveStatic(res, staticDir, url.pathname, url.searchParams.has('token') ? { 'set-cookie': cookie } : {});
    },
  };
}
