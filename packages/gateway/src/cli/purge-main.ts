// Process entry of `pnpm gateway:purge` (see purge.ts): hands it argv, the environment and stdout/stderr.
import { runPurge } from './purge.js';

const code = await runPurge(process.argv.slice(2), process.env, {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
});
process.exitCode = code;
