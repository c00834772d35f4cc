import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Outcome } from '../../../shared/contract/errors';
import { BRIDGE, type ProgressEvent } from '../../../shared/contract/transport';
import type { TokenSource } from './auth';
import { HttpError } from './http-io';

/** What the bridge needs from a backend; WorkerBackend provides it. */
export type BridgeBackend = {
  invoke: (name: string, input: unknown, options: { jobId?: string }) => Promise<Outcome<unknown>>;
  cancel: (jobId: string) => void;
  onProgress: (listener: (e: ProgressEvent) => void) => () => void;
};

/** One door of the bridge: which ways of presenting the token it takes, and what it does once admitted. */
export type Route = { accept: readonly TokenSource[]; handle: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> | void };

/** Every door the bridge has; whatever matches none is a page or an asset of the renderer. */
export type Routes = { rpc: Route; events: Route; cancel: Route; upload: Route; exportTarget: Route; download: Route; page: Route };

/** Calls and job ids travel in the address; anything longer or stranger is not one of ours. */
export const JOB_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function methodIs(req: IncomingMessage, method: string): void {
  if (req.method !== method) throw new HttpError(405, 'INVALID_INPUT', `Use ${method} for ${new URL(req.url ?? '/', 'http://x').pathname}.`);
}

export function routeFor(routes: Routes, pathname: string): Route {
  if (pathname.startsWith(BRIDGE.rpc)) return routes.rpc;
  if (pathname === BRIDGE.events) return routes.events;
  if (pathname.startsWith(BRIDGE.cancel)) return routes.cancel;
  if (pathname === BRIDGE.upload) return routes.upload;
  if (pathname === BRIDGE.exportTarget) return routes.exportTarget;
  if (pathname === BRIDGE.download) return routes.download;
  return routes.page;
}
