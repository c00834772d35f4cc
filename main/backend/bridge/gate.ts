import type { IncomingMessage } from 'node:http';
import { presentedToken, sameToken } from './auth';
import { HttpError } from './http-io';
import type { Route } from './routing';

export const HOST = '127.0.0.1';

/**
 * Why a request may not pass, or null when it may. Runs before anything else: a refused request
 * has had no body read, no file touched and no call made.
 */
export function refusal(req: IncomingMessage, url: URL, route: Route, token: string, port: number): HttpError | null {
  if (!sameToken(presentedToken(req, url, port, route.accept), token)) {
    return new HttpError(401, 'UNAUTHORIZED', 'Open the full address that `longtail serve` printed (it ends with ?token=...).');
  }
  // A page elsewhere that re-points its own host name at 127.0.0.1 would still lack the
  // token; refusing foreign Host headers closes that door twice.
  const host = req.headers.host ?? '';
  if (host !== `${HOST}:${port}` && host !== `localhost:${port}`) {
    return new HttpError(403, 'UNAUTHORIZED', `Reach Longtail at http://${HOST}:${port}/ only.`);
  }
  return null;
}
