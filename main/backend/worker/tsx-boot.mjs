// Starts the TypeScript worker entry under tsx (CLI, tests). Node 20 does not apply
// `execArgv: ['--import', 'tsx']` loader hooks to a worker's own entry file, so the
// hooks are registered here first and the real entry is imported after them.
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.tsEntry);
