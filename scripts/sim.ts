// pnpm sim — the 1LINK simulator (see mock/README.md). Only hands runSim argv, env, console and Ctrl-C.
import { runSim } from '@onelink-kit/mock/sim';

const stop = new AbortController();
// Ctrl-C and SIGTERM stop the servers and end with 0 (not 130), so pnpm reports no failure.
process.once('SIGINT', () => stop.abort());
process.once('SIGTERM', () => stop.abort());

const code = await runSim(process.argv.slice(2), process.env, {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  signal: stop.signal,
});
process.exit(code);
