// pnpm sim — the 1LINK simulator (see mock/README.md). Only hands runSim argv, env, console and Ctrl-C.
import { runSim } from '@onelink-kit/mock/sim';

const stop = new AbortController();
// Ctrl-C and SIGTERM stop the servers and end with 0 (not 130), so pnpm reports no failure. `on`, not
// `once`: under pnpm a Ctrl-C arrives twice (the terminal's and pnpm's own), and a second one without a
// listener would end the process with 130 while it is stopping.
process.on('SIGINT', () => stop.abort());
process.on('SIGTERM', () => stop.abort());

const code = await runSim(process.argv.slice(2), process.env, {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  signal: stop.signal,
});
process.exit(code);
