import http from 'node:http';

export type Reply = { status: number; headers: http.IncomingHttpHeaders; body: string };

/** A raw request, so tests control every header (fetch forbids setting Host). */
export function request(
  port: number,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: options.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

/** Opens the event stream and collects its frames until `close` is called. */
export function openEvents(port: number, path: string): Promise<{ status: number; type: string; frames: string[]; close: () => void }> {
  return new Promise((resolve, reject) => {
    const frames: string[] = [];
    const req = http.get({ host: '127.0.0.1', port, path }, (res) => {
      let buffer = '';
      res.on('data', (c: Buffer) => {
        buffer += c.toString('utf8');
        const parts = buffer.split('\n\n');
        buffer = parts.pop() ?? '';
        frames.push(...parts);
      });
      resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), frames, close: () => req.destroy() });
    });
    req.on('error', (e) => (e.message === 'socket hang up' ? undefined : reject(e)));
  });
}
