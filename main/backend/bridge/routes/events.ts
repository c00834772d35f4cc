import type { ServerResponse } from 'node:http';
import { SECURITY_HEADERS } from '../csp';
import { methodIs, type BridgeBackend, type Route } from '../routing';

const HEARTBEAT_MS = 20_000;

/**
 * GET /events: the backend's progress as server-sent events to every open page. A comment line
 * every 20 s keeps proxies and idle timers from closing a stream that has nothing to say.
 */
export function eventsRoute(backend: BridgeBackend): { route: Route; close: () => void } {
  const streams = new Set<ServerResponse>();
  const stopProgress = backend.onProgress((event) => {
    const frame = `data: ${JSON.stringify(event)}\n\n`;
    for (const res of streams) res.write(frame);
  });
  const heartbeat = setInterval(() => {
    for (const res of streams) res.write(': keep-alive\n\n');
  }, HEARTBEAT_MS);
  heartbeat.unref();

  const route: Route = {
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

  const close = (): void => {
    stopProgress();
    clearInterval(heartbeat);
    for (const res of streams) res.end();
    streams.clear();
  };
  return { route, close };
}
