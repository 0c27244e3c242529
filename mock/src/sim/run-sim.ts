import type { CliIo } from '../cli/mock-build.js';
import { DEFAULT_SIM_PORT, parseSimConfig, SimConfigError } from './sim-config.js';
import { type RunningSimulator, startSimulator } from './sim-server.js';

export const SIM_USAGE = `usage: [SIM_PORT=${DEFAULT_SIM_PORT}] pnpm sim [--only SPEC]

Simulates the 1LINK APIs with behaviour, on 127.0.0.1: every spec pnpm mock serves, at the same
paths, on SIM_PORT + the spec's x-onelink-mock-port-offset (1LINK QR ${DEFAULT_SIM_PORT}, SNAP ${DEFAULT_SIM_PORT + 1},
Link Based Payments ${DEFAULT_SIM_PORT + 2}). Answers are the recorded fixtures, filled in from the request:
QR payloads built from it, random tokens that expire, duplicate RRNs refused, invoices kept.
Prism (pnpm mock) plays the recordings back as they are; see mock/README.md for when to use which.

  --only SPEC   serve one spec (e.g. 1link-p2m-qr); repeat for more
  -h, --help    this text

Environment (all optional):
  SIM_PORT                     first port (default ${DEFAULT_SIM_PORT}; 0 = any free ports, printed)
  SIM_TOKEN_TTL_S              lifetime of issued OAuth tokens in seconds (default 3600)
  SIM_RATE_LIMIT               QR requests per second per client id (default: no limit)
  SIM_CLIENT_SECRET(_FILE)     only this client secret gets a token (default: any)
  SIM_LINK_HASH_KEY(_FILE)     Link Based Payments signature key (default: the fixtures' test key)
  SIM_LINK_MERCHANT_ID, SIM_LINK_PASSWORD(_FILE)   only these merchant credentials (default: any)
  SIM_SNAP_CLIENT_SECRET(_FILE)   SNAP X-SIGNATURE key (default: the fixtures' test secret)
  SIM_SNAP_TIMESTAMP_WINDOW_S  how far X-TIMESTAMP may be from now (default 300)
  SIM_JOURNAL_SIZE             requests kept by GET /__sim/requests (default 200)

Per request: Prefer: code=429, example=rate-limited   plays a recording back (as Prism does);
             Prefer: delay=2000 | fault=reset | fault=malformed | fault=timeout
Exit status: 0 after Ctrl-C, 1 when a variable is wrong or a port is taken, 2 on a bad argument.`;

export interface SimIo extends CliIo {
  /** Stops the simulator when aborted (the script aborts it on Ctrl-C and SIGTERM). */
  signal?: AbortSignal;
  /** Called once every server listens. */
  onReady?(sim: RunningSimulator): void;
}

function parseArgs(args: readonly string[]): { only: string[] } | { error: string } | 'help' {
  const only: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--help' || arg === '-h') return 'help';
    if (arg === '--only') {
      const name = args[++i];
      if (name === undefined || name.startsWith('-'))
        return { error: '--only needs a spec name, e.g. --only 1link-p2m-qr' };
      only.push(name.replace(/\.ya?ml$/, '').replace(/^spec\//, ''));
    } else return { error: `unknown argument ${arg}` };
  }
  return { only };
}

/**
 * `pnpm sim`: starts the simulator, says what is starting and where each spec is served, and runs
 * until `io.signal` aborts; resolves with the exit code.
 */
export async function runSim(
  args: readonly string[],
  env: Record<string, string | undefined>,
  io: SimIo,
): Promise<number> {
  const parsed = parseArgs(args);
  if (parsed === 'help') {
    io.out(SIM_USAGE);
    return 0;
  }
  if ('error' in parsed) {
    io.err(`pnpm sim: ${parsed.error}\n\n${SIM_USAGE}`);
    return 2;
  }
  let config: ReturnType<typeof parseSimConfig>;
  try {
    config = parseSimConfig(env);
  } catch (error) {
    if (error instanceof SimConfigError) {
      io.err(`pnpm sim: ${error.message}`);
      return 1;
    }
    throw error;
  }
  const t0 = performance.now();
  io.out(`Starting the 1LINK simulator on 127.0.0.1 (first port ${config.basePort}) …`);
  let sim: RunningSimulator;
  try {
    sim = await startSimulator({ config, ...(parsed.only.length > 0 ? { only: parsed.only } : {}) });
  } catch (error) {
    const message = (error as Error).message;
    const hint = /already in use/.test(message)
      ? `\nChoose another first port, e.g. SIM_PORT=${config.basePort + 100} pnpm sim`
      : '';
    io.err(`pnpm sim: could not start: ${message}${hint}`);
    return 1;
  }
  const width = Math.max(...sim.servers.map((s) => s.spec.specFile.length));
  for (const s of sim.servers) {
    const ops = s.spec.operations.map((o) => o.operationId).join(', ');
    io.out(`  ${s.spec.specFile.padEnd(width)}  ${s.url}  ${ops}`);
  }
  const first = sim.servers[0]?.url ?? '';
  io.out(`Ready in ${((performance.now() - t0) / 1000).toFixed(1)} s.`);
  io.out(`  Requests so far:  curl ${first}/__sim/requests`);
  io.out(`  Start over:       curl -X POST ${first}/__sim/reset`);
  io.out('Ctrl-C stops the simulator.');
  io.onReady?.(sim);

  const signal = io.signal;
  if (signal && !signal.aborted) {
    await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
  }
  io.out('Stopping the simulator …');
  await sim.stop();
  io.out('Stopped.');
  return 0;
}
