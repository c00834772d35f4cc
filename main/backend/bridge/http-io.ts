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
