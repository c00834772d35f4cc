import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ErrorCode, Outcome } from '../../../shared/contract/errors';
import { SECURITY_HEADERS } from './csp';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function send(res: ServerResponse, status: number, body: string | Buffer, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'cache-control': 'no-store', ...headers });
  res.end(body);
}

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, JSON.stringify(value), { 'content-type': 'application/json; charset=utf-8' });
}

export function sendError(res: ServerResponse, e: HttpError): void {
  const outcome: Outcome<never> = { ok: false, error: { code: e.code, message: e.message } };
  sendJson(res, e.status, outcome);
}

/**
 * Reads a whole request body, refusing more than `limit` bytes. The rest of an oversized body is
 * drained rather than cut off, so the client reads our 413 instead of a reset connection.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      reject(tooLarge(limit));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => (size > limit ? reject(tooLarge(limit)) : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

export const tooLarge = (limit: number): HttpError =>
  new HttpError(413, 'INVALID_INPUT', `The request is larger than ${Math.round(limit / 1024 / 1024)} MB, which Longtail does not accept here.`);

export function requireJson(req: IncomingMessage): void {
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json') {
    throw new HttpError(415, 'INVALID_INPUT', 'Send the call input as JSON with content-type application/json.');
  }
}

/** A %-escaped part of an address, or a 400 that says so (decodeURIComponent throws on `%E0%A4%A`). */
export function decodePart(text: string, what: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new HttpError(400, 'INVALID_INPUT', `The ${what} in the address has a broken %-escape.`);
  }
}

/** No call input is nested this deep; a body that is only tries to exhaust the stack of whatever walks it. */
export const MAX_JSON_DEPTH = 64;

/** How deeply arrays and objects nest in JSON text, counted without parsing it (brackets in strings do not count). */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) deepest = Math.max(deepest, ++depth);
    else if (c === 93 || c === 125) depth--;
  }
  return deepest;
}

/** The call input of an RPC body: JSON no deeper than MAX_JSON_DEPTH, or a 400 naming the call. */
export function parseCallInput(body: Buffer, name: string): unknown {
  if (body.length === 0) return {};
  const text = body.toString('utf8');
  if (jsonDepth(text) > MAX_JSON_DEPTH) {
    throw new HttpError(400, 'INVALID_INPUT', `The body of ${name} nests deeper than ${MAX_JSON_DEPTH} levels, which no call input does.`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new HttpError(400, 'INVALID_INPUT', `The body of ${name} is not valid JSON (${(e as Error).message}).`);
  }
}
