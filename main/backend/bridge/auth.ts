import crypto from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { BRIDGE } from '../../../shared/contract/transport';

export const newToken = (): string => crypto.randomBytes(32).toString('base64url');

/** Constant-time comparison, so response timing tells nothing about how much of a guess was right. */
export function sameToken(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

export type TokenSource = 'header' | 'query' | 'cookie';

// A cookie per port: two `longtail serve` runs on one machine must not sign each other in.
export const cookieName = (port: number): string => `longtail-token-${port}`;

// A cookie with a broken %-escape is simply not the token.
const safeDecode = (text: string): string | undefined => {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
};

function cookieValue(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return safeDecode(part.slice(eq + 1).trim());
  }
  return undefined;
}

/**
 * Which ways of presenting the token a route accepts. Calls that change state take the header
 * only: a browser never attaches a custom header cross-site, so a hostile page cannot forge them.
 * Pages and assets also take the cookie set when the page was first opened with ?token=, since
 * <script src> cannot carry a header; the event stream and downloads take ?token= as well.
 */
export function presentedToken(req: IncomingMessage, url: URL, port: number, accept: readonly TokenSource[]): string | undefined {
  for (const source of accept) {
    const value =
      source === 'header'
        ? req.headers[BRIDGE.tokenHeader]
        : source === 'query'
          ? (url.searchParams.get('token') ?? undefined)
          : cookieValue(req, cookieName(port));
    if (typeof value === 'string' && value) return value;
  }
  return undefined;
}
