import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PathPolicy, type Grant } from '../access/path-policy';
import { newToken } from './auth';
import { FileGate } from './files';
import { HOST, refusal } from './gate';
import { HttpError, sendError } from './http-io';
import { eventsRoute } from './routes/events';
import { pageRoute } from './routes/page';
import { cancelRoute, rpcRoute } from './routes/rpc';
import { downloadRoute, exportTargetRoute, uploadRoute } from './routes/uploads';
import { routeFor, type BridgeBackend, type Routes } from './routing';

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

/** Starts the HTTP bridge on the loopback interface only; resolves once it listens. */
export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const token = options.token ?? newToken();
  const files = new FileGate(options.scratchRoot);
  const policy = new PathPolicy({
    roots: [files.scratchDir, ...options.access.roots],
    grants: options.access.grants,
    advice: (folder) =>
      `In the browser Longtail works only inside its workspaces folder, this session's uploads and the folders named with --root. To use ${folder}, restart with \`longtail serve --root ${folder}\`.`,
  });
  let port = 0;
  const events = eventsRoute(options.backend);
  const routes: Routes = {
    rpc: rpcRoute({ backend: options.backend, policy, files, rpcLimit: options.limits?.rpcBytes ?? 8 * 1024 * 1024 }),
    events: events.route,
    cancel: cancelRoute(options.backend),
    upload: uploadRoute(files, options.limits?.uploadBytes ?? 2 * 1024 * 1024 * 1024),
    exportTarget: exportTargetRoute(files),
    download: downloadRoute(files),
    page: pageRoute(options.staticDir, token, () => port),
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
        const route = routeFor(routes, url.pathname);
        const refused = refusal(req, url, route, token, port);
        if (refused) {
          req.resume();
          sendError(res, refused);
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
      events.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      files.dispose();
    },
  };
}
