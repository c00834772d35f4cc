// Run by crash.test.ts in its own process: imports a file and announces the first progress
// report on stdout, so the test can kill it while the import's transaction is open.
import { Backend } from '../../../main/backend/dispatch';

const [workspace, file, appData] = process.argv.slice(2);
const backend = new Backend({ appDataDir: appData });
await backend.call('workspace-open', { path: workspace });
let announced = false;
await backend.call('import-run', { path: file }, {
  onProgress: () => {
    if (!announced) process.stdout.write('importing\n');
    announced = true;
  },
});
process.stdout.write('finished\n');
backend.close();
