import cluster, { type Worker } from 'node:cluster';
import type { Logger } from './logger.js';

// GATEWAY_WORKERS > 1: one primary process forks that many gateway workers, which share the listening
// port (node:cluster hands each new connection to a worker in turn). A single Node process serves
// requests on one core; workers use the others. Every worker is an instance of its own (its own
// RRN block, its own `owner` on pending rows), so everything that already holds for several
// instances on one database holds for workers.

/** The variable a worker learns its slot from; set by the primary on fork, never by operators. */
const WORKER_SLOT = 'ONELINK_GATEWAY_WORKER_SLOT';

/** This process's worker slot (1…n), or undefined outside a worker pool. */
export function workerSlot(): number | undefined {
  if (!cluster.isWorker) return undefined;
  const slot = Number(process.env[WORKER_SLOT]);
  return Number.isInteger(slot) && slot > 0 ? slot : undefined;
}

/** A worker's instance name: the instance's, with its slot, so a restarted worker recovers its own rows. */
export function workerInstanceId(
  instanceId: string | undefined,
  slot: number | undefined,
): string | undefined {
  if (slot === undefined) return instanceId;
  return `${instanceId ?? `pid-${process.ppid}`}#w${slot}`;
}

export interface WorkerPool {
  /** Resolves once every worker listens, with the URL one of them reported. */
  ready: Promise<string>;
  /** SIGTERM to every worker (each drains its requests); resolves when all have exited. */
  stop(): Promise<void>;
}

/** Messages a worker sends its primary. */
export interface WorkerReady {
  type: 'onelink:worker:listening';
  url: string;
}

/** Called by a worker once it listens. */
export function reportListening(url: string): void {
  if (cluster.isWorker) process.send?.({ type: 'onelink:worker:listening', url } satisfies WorkerReady);
}

/**
 * Forks `count` workers and keeps that many running: a worker that exits while the pool is not
 * stopping is replaced after `restartDelayMs` (a crash loop is slowed, never a busy loop).
 */
export function startWorkerPool(options: {
  count: number;
  logger: Logger;
  restartDelayMs?: number;
}): WorkerPool {
  const { count, logger } = options;
  const restartDelayMs = options.restartDelayMs ?? 1_000;
  const bySlot = new Map<number, Worker>();
  let stopping = false;
  let resolveReady: (url: string) => void = () => {};
  let rejectReady: (error: Error) => void = () => {};
  const ready = new Promise<string>((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });
  const listening = new Set<number>();

  const fork = (slot: number): void => {
    const worker = cluster.fork({ [WORKER_SLOT]: String(slot) });
    bySlot.set(slot, worker);
    worker.on('message', (message: WorkerReady) => {
      if (message?.type !== 'onelink:worker:listening') return;
      listening.add(slot);
      if (listening.size === count) resolveReady(message.url);
    });
    worker.once('exit', (code, signal) => {
      if (bySlot.get(slot) === worker) bySlot.delete(slot);
      if (stopping) return;
      if (!listening.has(slot)) {
        // It never started (a configuration or database error): the others would fail alike.
        rejectReady(new Error(`gateway worker ${slot} exited (${signal ?? code}) before it listened`));
        return;
      }
      logger.error(
        { slot, pid: worker.process.pid, code, signal },
        'gateway worker exited; starting another',
      );
      setTimeout(() => {
        if (!stopping) fork(slot);
      }, restartDelayMs).unref();
    });
  };
  for (let slot = 1; slot <= count; slot++) fork(slot);

  return {
    ready,
    async stop() {
      stopping = true;
      const exits = [...bySlot.values()].map(
        (worker) =>
          new Promise<void>((resolve) => {
            if (worker.isDead()) return resolve();
            worker.once('exit', () => resolve());
            worker.process.kill('SIGTERM');
          }),
      );
      await Promise.all(exits);
    },
  };
}
