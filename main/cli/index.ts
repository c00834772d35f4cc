// Ctrl-C cancels what the command is doing, which then undoes what it began and says so (runCli);
// a second Ctrl-C stops at once. Without this, an early Ctrl-C had ended the process silently.
const interrupt = new AbortController();
// serve stops on Ctrl-C by itself.
if (process.argv[2] !== 'serve') process.on('SIGINT', () => {
  if (!interrupt.signal.aborted) return interrupt.abort();
  const json = process.argv.includes('--json');
  process.stderr.write(`${json ? JSON.stringify({ ok: false, error: { code: 'CANCELLED', message: 'Stopped at a second Ctrl-C, before it could tidy up.' } }) : 'longtail: stopped at a second Ctrl-C, before it could tidy up.'}\n`);
  process.exit(130); // 128 + SIGINT, as EXIT_INTERRUPTED in main.ts
});

// Loaded after the handler is in place, so a Ctrl-C while the commands load is answered too.
const { runCli } = await import('./main');
const code = await runCli(process.argv.slice(2), { signal: interrupt.signal });
// Some commands (serve) keep running; they never resolve until the server stops.
process.exitCode = code;

// A module, for the top-level await above.
export {};
