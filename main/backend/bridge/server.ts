import fs from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Outcome } from '../../../shared/contract/errors';
import { BRIDGE, type ProgressEvent } from '../../../shared/contract/transport';
import { cookieName, newToken, presentedToken, sameToken, type TokenSource } from './auth';
import { SECURITY_HEADERS } from './csp';
import { PathPolicy, type Grant } from '../access/path-policy';
import { AppError, toErrorPayload } from '../../../shared/contract/errors';
import { consumedUpload, FileGate, writtenFiles } from './files';
import { decodePart, HttpError, parseCallInput, readBody, requireJson, send, sendError, sendJson } from './http-io';
import { contentType, serveStatic } from './static-files';

/** What the bridge needs from a backend; WorkerBackend provides it. */
export type BridgeBackend = {
  invoke: (name: string, input: unknown, options: { jobId?: string }) => Promise<Outcome<unknown>>;
  cancel: (jobId: string) => void;
  onProgress: (listener: (e: ProgressEvent) => void) => () => void;
};

export type BridgeOptions = {
  backend: BridgeBackend;
  /** The built renderer (index.html and assets). */
  staticDir: string;
  /** 0 picks a free port. */
  port?: number;
  token?: string;
  /** Where the per-run scratch folder for uploads goes; the OS temp folder by default. */
  scratchRoot?: string;
  limits?: { rpcBytes?: number; uploadBytes?: number };
  /** Headers must arrive within headersMs, a whole request within requestMs, and no socket idles past idleMs while a request is read. */
  timeouts?: { headersMs?: number; requestMs?: number; idleMs?: number; checkMs?: number };
  /**
   * Where calls may read and write besides the session's scratch folder (uploads and export
   * targets): the app-data workspaces folder and the folders named with --root; `grants` are
   * single files such as the workspace named at start.
   */
  access: { roots: string[]; grants?: { path: string; grant: Grant }[] };
};

export type Bridge = { url: string; port: number; token: string; scratchDir: string; close: () => Promise<void> };

const HOST = '127.0.0.1';
const JOB_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const HEARTBEAT_MS = 20_000;

type Route = { accept: readonly TokenSource[]; handle: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> | void };

/** Starts the HTTP bridge on the loopback interface only; resolves once it listens. */
export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const token = options.token ?? newToken();
  const rpcLimit = options.limits?.rpcBytes ?? 8 * 1024 * 1024;
  const uploadLimit = options.limits?.uploadBytes ?? 2 * 1024 * 1024 * 1024;
  const files = new FileGate(options.scratchRoot);
  const policy = new PathPolicy({
    roots: [files.scratchDir, ...options.access.roots],
    grants: options.access.grants,
    advice: (folder) =>
      `In the browser Longtail works only inside its workspaces folder, this session's uploads and the folders named with --root. To use ${folder}, restart with \`longtail serve --root ${folder}\`.`,
  });
  const streams = new Set<ServerResponse>();
  let port = 0;

  const stopProgress = options.backend.onProgress((event) => {
    const frame = `data: ${JSON.stringify(event)}\n\n`;
    for (const res of streams) res.write(frame);
  });
  const heartbeat = setInterval(() => {
    for (const res of streams) res.write(': keep-alive\n\n');
  }, HEARTBEAT_MS);
  heartbeat.unref();

  const methodIs = (req: IncomingMessage, method: string): void => {
    if (req.method !== method) throw new HttpError(405, 'INVALID_INPUT', `Use ${method} for ${new URL(req.url ?? '/', 'http://x').pathname}.`);
  };

  const rpc: Route = {
    accept: ['header'],
    async handle(req, res, url) {
      methodIs(req, 'POST');
      requireJson(req);
      const name = decodePart(url.pathname.slice(BRIDGE.rpc.length), 'call name');
      const jobHeader = req.headers[BRIDGE.jobHeader];
      const jobId = typeof jobHeader === 'string' && JOB_ID.test(jobHeader) ? jobHeader : undefined;
      const body = await readBody(req, rpcLimit);
      const input = parseCallInput(body, name);
      // The body is in: an analysis may now take minutes without a byte on the socket.
      req.socket.setTimeout(0);
      try {
        policy.check(name, input);
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        sendJson(res, 200, { ok: false, error: toErrorPayload(e) } satisfies Outcome<never>);
        return;
      }
      const outcome = await options.backend.invoke(name, input, { jobId });
      if (outcome.ok) {
        for (const file of writtenFiles(name, outcome.value)) {
          files.allow(file);
          policy.recordWritten(file);
        }
        // Its rows are in the workspace now: a copy of a client's sales file should not linger in temp.
        const upload = consumedUpload(name, input);
        if (upload) files.discardUpload(upload);
      }
      sendJson(res, 200, outcome);
    },
  };

  const events: Route = {
    accept: ['header', 'query'],
    handle(req, res) {
      methodIs(req, 'GET');
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      req.socket.setTimeout(0);
      res.write('retry: 2000\n: connected\n\n');
      streams.add(res);
      req.on('close', () => streams.delete(res));
    },
  };

  const cancel: Route = {
    accept: ['header'],
    handle(req, res, url) {
      methodIs(req, 'POST');
      const jobId = decodePart(url.pathname.slice(BRIDGE.cancel.length), 'job id');
      if (!JOB_ID.test(jobId)) throw new HttpError(400, 'INVALID_INPUT', 'A job id has 1-128 letters, digits, dots, colons, dashes or underscores.');
      options.backend.cancel(jobId);
      send(res, 204, '');
    },
  };

  const upload: Route = {
    accept: ['header'],
    async handle(req, res, url) {
      methodIs(req, 'POST');
      const file = await files.receive(req, url.searchParams.get('name'), uploadLimit);
      sendJson(res, 200, { ok: true, value: { path: file } } satisfies Outcome<{ path: string }>);
    },
  };

  const exportTarget: Route = {
    accept: ['header'],
    handle(req, res, url) {
      methodIs(req, 'POST');
      req.resume();
      const name = url.searchParams.get('name');
      if (!name) throw new HttpError(400, 'INVALID_INPUT', 'Say which file name the export gets with ?name=.');
      sendJson(res, 200, { ok: true, value: { path: files.exportTarget(name) } } satisfies Outcome<{ path: string }>);
    },
  };

  const download: Route = {
    accept: ['header', 'query'],
    handle(req, res, url) {
      methodIs(req, 'GET');
      const file = files.resolveDownload(url.searchParams.get('path'));
      const name = path.basename(file);
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'content-type': contentType(file),
        'content-length': String(fs.statSync(file).size),
        'content-disposition': `attachment; filename="${name.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`,
        'cache-control': 'no-store',
      });
      fs.createReadStream(file).pipe(res);
    },
  };

  const page: Route = {
    accept: ['query', 'cookie'],
    handle(req, res, url) {
      if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, 'INVALID_INPUT', 'Pages are read with GET.');
      // The page drops ?token= from its address; the cookie signs in its assets and reloads.
      const cookie = `${cookieName(port)}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`;
      serveStatic(res, options.staticDir, url.pathname, url.searchParams.has('token') ? { 'set-cookie': cookie } : {});
    },
  };

  const routeFor = (pathname: string): Route => {
    if (pathname.startsWith(BRIDGE.rpc)) return rpc;
    if (pathname === BRIDGE.events) return events;
    if (pathname.startsWith(BRIDGE.cancel)) return cancel;
    if (pathname === BRIDGE.upload) return upload;
    if (pathname === BRIDGE.exportTarget) return exportTarget;
    if (pathname === BRIDGE.download) return download;
    return page;
  };

  const timeouts = { headersMs: 10_000, requestMs: 10 * 60_000, idleMs: 30_000, checkMs: 1_000, ...options.timeouts };
  // Slow-header and stalled-body sockets are cut; the event stream and a call whose answer takes
  // minutes turn the idle timeout off once their request is in.
  const server = http.createServer(
    { headersTimeout: timeouts.headersMs, requestTimeout: timeouts.requestMs, connectionsCheckingInterval: timeouts.checkMs },
    (req, res) => {
    void (async () => {
      let url: URL;
      try {
        url = new URL(req.url ?? '/', `http://${HOST}`);
      } catch {
        req.resume();
        sendError(res, new HttpError(400, 'INVALID_INPUT', 'That address cannot be read.'));
        return;
      }
      const route = routeFor(url.pathname);
      // The token is checked before anything else: no body is read, no file touched, no call made.
      if (!sameToken(presentedToken(req, url, port, route.accept), token)) {
        req.resume();
        sendError(res, new HttpError(401, 'UNAUTHORIZED', 'Open the full address that `longtail serve` printed (it ends with ?token=...).'));
        return;
      }
      // A page elsewhere that re-points its own host name at 127.0.0.1 would still lack the
      // token; refusing foreign Host headers closes that door twice.
      const host = req.headers.host ?? '';
      if (host !== `${HOST}:${port}` && host !== `localhost:${port}`) {
        req.resume();
        sendError(res, new HttpError(403, 'UNAUTHORIZED', `Reach Longtail at http://${HOST}:${port}/ only.`));
        return;
      }
      try {
        await route.handle(req, res, url);
      } catch (e) {
        const error = e instanceof HttpError ? e : new HttpError(500, 'INTERNAL', `The bridge failed: ${(e as Error).message}`);
        if (res.headersSent) res.destroy();
        else {
          req.resume();
          sendError(res, error);
        }
      }
    })();
    },
  );
  server.timeout = timeouts.idleMs;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://${HOST}:${port}/?token=${token}`,
    port,
    token,
    scratchDir: files.scratchDir,
    close: async () => {
      stopProgress();
      clearInterval(heartbeat);
      for (const res of streams) res.end();
      streams.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      files.dispose();
    },
  };
}
