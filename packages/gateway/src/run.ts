// The gateway's start-up, as `main.ts` runs it: env-configured, one gateway or (GATEWAY_WORKERS > 1, in
// the primary) a worker pool. It resolves instead of exiting, so a refused configuration is testable
// without a process of its own; main.ts turns the result into the exit code.
import cluster from 'node:cluster';
import type { DestinationStream } from 'pino';
import { type GatewayConfig, parseConfig } from './config.js';
import { ConfigError } from './config-error.js';
import { createGatewayLogger } from './logger.js';

export interface MainIo {
  /** Where a start-up failure is logged (JSON lines); stdout when absent. */
  failures?: DestinationStream;
}

/**
 * Starts the gateway (or, with GATEWAY_WORKERS > 1 in the primary, its worker pool) configured by `env`.
 * Resolves to `undefined` once it serves (SIGINT/SIGTERM then stop it and end the process), or to the
 * exit code 1 after logging why it could not start.
 */
export async function run(env: NodeJS.ProcessEnv = process.env, io: MainIo = {}): Promise<1 | undefined> {
  // Reports start-up failures only (fatal), so it does not depend on LOG_LEVEL, which may be the error.
  const logger = createGatewayLogger('info', io.failures);
  try {
    const config = parseConfig(env);
    if (config.apiKeys.size === 0) {
      throw new ConfigError(
        'GATEWAY_API_KEYS',
        'set at least one key (raw, or sha256:<hex>) or GATEWAY_API_KEYS_FILE',
      );
    }
    if (config.workers > 1 && cluster.isPrimary) {
      // Imported here, not at the top: the primary never loads the request path (pool-primary.ts).
      const { startGatewayWorkers } = await import('./pool-primary.js');
      const pool = await startGatewayWorkers(
        config,
        createGatewayLogger(config.logLevel, undefined, config.logFlushMs),
      );
      const stop = () => pool.stop().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    } else {
      await startOne(config);
    }
    return undefined;
  } catch (error) {
    if (error instanceof ConfigError) {
      logger.fatal({ variable: error.variable, rule: error.rule }, `configuration error: ${error.message}`);
    } else {
      logger.fatal({ err: error }, 'gateway failed to start');
    }
    return 1;
  }
}

/** One gateway process (alone, or one worker of a pool): SIGINT/SIGTERM drain it and exit 0. */
async function startOne(config: GatewayConfig): Promise<void> {
  const { startGateway } = await import('./server.js');
  const gateway = await startGateway(config, {
    logger: createGatewayLogger(config.logLevel, undefined, config.logFlushMs),
  });
  const stop = (signal: string) => {
    gateway.logger.info({ signal }, 'signal received');
    // Long enough for a create in flight to get its upstream answer (two attempts) and store it.
    gateway.close(2 * config.upstream.timeoutMs + 2_000).then(
      () => process.exit(0),
      (error) => {
        gateway.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}
