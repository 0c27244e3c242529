// Process entry: `node dist/main.js` (env-configured). Exits 1 with the variable named on a
// configuration error; SIGINT/SIGTERM shut down gracefully. GATEWAY_WORKERS > 1: this process is the
// primary of a worker pool, and each worker runs this file again as one gateway. The start-up itself is
// run.ts; this file only runs it, whichever launcher loads it (node, a symlinked bin, pm2).
import { run } from './run.js';

const code = await run();
if (code !== undefined) process.exit(code);
