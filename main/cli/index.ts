import { runCli } from './main';

const code = await runCli(process.argv.slice(2));
// Some commands (serve) keep running; they never resolve until the server stops.
process.exitCode = code;
