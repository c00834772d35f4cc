import { BRIDGE, type Outcome, type ProgressEvent, type WindowApi } from '../../../shared/contract';

/** The wire the client speaks: Electron's window.api, or the HTTP bridge of `longtail serve`. */
export type Transport = {
  kind: 'electron' | 'http';
  invoke: (name: string, input: unknown, jobId?: string) => Promise<Outcome<unknown>>;
  cancel: (jobId: string) => Promise<void>;
  onProgress: (listener: (event: ProgressEvent) => void) => () => void;
};

declare global {
  // The preload's contextBridge puts it there; absent in a plain browser.
  var api: WindowApi | undefined;
}

const TOKEN_KEY = 'longtail-token';

/** The bridge hands the token in the page URL once; keep it for reloads, then drop it from the address bar. */
export function bridgeToken(): string {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

const unauthorised = (): Outcome<unknown> => ({
  ok: false,
  error: {
    code: 'UNAUTHORIZED',
    message: 'This page is not signed in to Longtail. Open the full address that `longtail serve` printed (it ends with ?token=...).',
  },
});

const unreachable = (e: unknown): Outcome<unknown> => ({
  ok: false,
  error: {
    code: 'INTERNAL',
    message: `Longtail's backend did not answer (${e instanceof Error ? e.message : String(e)}). Check that \`longtail serve\` is still running, then reload.`,
  },
});

function httpTransport(token: string): Transport {
  const listeners = new Set<(event: ProgressEvent) => void>();
  let source: EventSource | null = null;
  const ensureEvents = () => {
    if (source || typeof EventSource === 'undefined') return;
    source = new EventSource(`${BRIDGE.events}?token=${encodeURIComponent(token)}`);
    source.onmessage = (m: MessageEvent<string>) => {
      let event: ProgressEvent;
      try {
        event = JSON.parse(m.data) as ProgressEvent;
      } catch {
        return;
      }
      for (const l of listeners) l(event);
    };
  };
  return {
    kind: 'http',
    async invoke(name, input, jobId) {
      const headers: Record<string, string> = { 'content-type': 'application/json', [BRIDGE.tokenHeader]: token };
      if (jobId) headers[BRIDGE.jobHeader] = jobId;
      let response: Response;
      try {
        response = await fetch(`${BRIDGE.rpc}${encodeURIComponent(name)}`, { method: 'POST', headers, body: JSON.stringify(input ?? {}) });
      } catch (e) {
        return unreachable(e);
      }
      if (response.status === 401) return unauthorised();
      try {
        return (await response.json()) as Outcome<unknown>;
      } catch (e) {
        return unreachable(e);
      }
    },
    async cancel(jobId) {
      await fetch(`${BRIDGE.cancel}${encodeURIComponent(jobId)}`, { method: 'POST', headers: { [BRIDGE.tokenHeader]: token } }).catch(() => undefined);
    },
    onProgress(listener) {
      ensureEvents();
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

function electronTransport(api: WindowApi): Transport {
  return { kind: 'electron', invoke: api.invoke, cancel: api.cancel, onProgress: api.onProgress };
}

let current: Transport | null = null;

export function transport(): Transport {
  if (!current) current = globalThis.api ? electronTransport(globalThis.api) : httpTransport(bridgeToken());
  return current;
}

/** For tests: talk through a given transport. */
export function useTransport(t: Transport | null): void {
  current = t;
}
