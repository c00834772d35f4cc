import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/contract/errors';
import type { WorkspaceInfo } from '../../../shared/contract/workspace';
import type { Command } from '../command';

const waitForStopSignal = (): Promise<NodeJS.Signals> =>
  new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });

function parsePort(raw: string | undefined): number {
  if (raw === undefined) return 0;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new AppError('INVALID_INPUT', `--port ${raw} is not a port number: give 1-65535, or 0 for any free port.`);
  }
  return port;
}

export const serveCommand: Command = {
  usage: 'longtail serve [--workspace FILE] [--root DIR]... [--port P] [--no-analysis]',
  help: `
Options:
  --workspace, -w FILE  Open this workspace (default: the bundled sample, built and analysed on first use)
  --root DIR         Also let the page read and write inside DIR (repeatable). Without it the
                     page reaches only the workspaces folder in the app-data folder, the files
                     uploaded this session and the workspace given with --workspace
  --port, -p P       Listen on this port (default: any free port)
  --no-analysis      With the sample: import it but leave the analysis for later (faster first start)

Prints the address to open, http://127.0.0.1:P/?token=..., as one line on stdout, and runs until
Ctrl+C. Only this machine can connect, and only with the token in that address.

Examples:
  longtail serve
  longtail serve --workspace acme.longtail --port 8765
`,
  options: {
    workspace: { type: 'string', short: 'w' },
    root: { type: 'string', multiple: true },
    port: { type: 'string', short: 'p' },
    'no-analysis': { type: 'boolean' },
  },
  async run(args, io) {
    // Loaded here, not at the top: `longtail --help` should not pay for the HTTP bridge and the worker.
    const [{ startBridge }, { ensureRendererBuilt }, { ensureSampleWorkspace }, { defaultWorkspaceFolder }, { WorkerBackend }] = await Promise.all([
      import('../../backend/bridge/server'),
      import('../../backend/bridge/renderer-build'),
      import('../../backend/sample-workspace'),
      import('../../backend/workspace/list'),
      import('../../backend/worker/client'),
    ]);
    const port = parsePort(args.values.port as string | undefined);
    const roots = ((args.values.root as string[] | undefined) ?? []).map((r) => path.resolve(io.cwd, r));
    for (const root of roots) {
      if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) {
        throw new AppError('FILE_NOT_FOUND', `--root ${root} is not a folder. Give an existing folder.`, { path: root });
      }
    }
    const appDataDir = io.backend.session.appDataDir;
    const status = (line: string): void => io.err(line);
    const staticDir = await ensureRendererBuilt(status, process.env.LONGTAIL_RENDERER_DIR || undefined);
    const backend = new WorkerBackend({ appDataDir });
    try {
      let info: WorkspaceInfo;
      const workspace = args.values.workspace as string | undefined;
      if (workspace) {
        const opened = await backend.invoke('workspace-open', { path: path.resolve(io.cwd, workspace) });
        if (!opened.ok) {
          io.err(`longtail serve: ${opened.error.message} [${opened.error.code}]`);
          return 1;
        }
        info = opened.value as WorkspaceInfo;
      } else {
        status('Opening the bundled sample workspace...');
        const sample = await ensureSampleWorkspace(backend, appDataDir, {
          analyse: args.values['no-analysis'] !== true,
          onProgress: (step, p) => {
            if (!p) status(`  ${step}`);
          },
        });
        if (sample.warning) status(sample.warning);
        info = sample.info;
      }
      const access = { roots: [defaultWorkspaceFolder(appDataDir), ...roots], grants: [{ path: info.path, grant: 'write' as const }] };
      fs.mkdirSync(access.roots[0], { recursive: true });
      const bridge = await startBridge({ backend, staticDir, port, access }).catch((e: NodeJS.ErrnoException) => {
        throw e.code === 'EADDRINUSE' ? new AppError('BUSY', `Port ${port} is already in use: pick another with --port, or leave it out.`) : e;
      });
      status(`Serving ${info.clientName} (${info.path}). Press Ctrl+C to stop.`);
      io.out(bridge.url);
      const signal = await waitForStopSignal();
      status(`Stopping (${signal})...`);
      await bridge.close();
      return 0;
    } finally {
      await backend.close();
    }
  },
};
