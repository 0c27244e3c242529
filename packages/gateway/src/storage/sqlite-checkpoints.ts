import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Logger } from '../logger.js';
import { type CheckpointGate, createCheckpointGate } from './checkpoint-gate.js';

/**
 * SQLite copies its write-ahead log back into the database file in "checkpoints". By default the
 * connection that commits does it, every 1,000 pages, on the thread that made the commit, and it
 * syncs both files while doing it. better-sqlite3 runs on the gateway's only thread, so every ~100th
 * create waited for that sync, and so did every request behind it. `pnpm bench:sqlite` times a
 * create's two statements with the checkpoint inline and on a thread of its own.
 *
 * Here a worker thread with its own connection to the file checkpoints instead: PASSIVE every
 * `intervalMs` (it never takes the writer's lock, though a commit that writes to the log while the
 * checkpoint syncs it waits in the kernel for the sync: gateway README, Performance, "What is left of
 * it, with the gate"), and RESTART when the log has grown past `restartAbovePages` (a writer that
 * never pauses keeps a PASSIVE checkpoint from ever catching up; RESTART waits for the writer's lock,
 * copies what is left, and lets the next commit start the log afresh; meanwhile its gate,
 * checkpoint-gate.ts, keeps the gateway's statements waiting off the thread rather than in SQLite's
 * busy handler). The gateway's connection keeps its own automatic checkpoint, at a higher mark, for
 * a thread that cannot keep up or has died. Durability is unchanged: a checkpoint only moves
 * committed pages, and the sync it does moves with it.
 */
export interface CheckpointOptions {
  /** How often the thread checkpoints, in ms. Default 100. */
  intervalMs?: number;
  /** Log size (pages) past which the thread runs a RESTART checkpoint. Default 2,048 (8 MiB). */
  restartAbovePages?: number;
  /** How long a RESTART checkpoint waits for the writer, in ms. Default 5 000. */
  busyTimeoutMs?: number;
}

/** The gateway connection's own automatic checkpoint mark, in pages, while the thread runs. */
export const BACKSTOP_CHECKPOINT_PAGES = 10_000;

export interface BackgroundCheckpoints {
  /** Closed while the thread runs a RESTART: the gateway's connection starts no statement then. */
  gate: CheckpointGate;
  /** Stops the thread and closes its connection. */
  stop(): Promise<void>;
}

// The thread's code, run as a CommonJS script (`eval`) so it works the same from the build and from
// TypeScript sources in tests; it loads the driver by the path the gateway resolved.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.filename, { fileMustExist: true });
db.pragma('busy_timeout = ' + workerData.busyTimeoutMs);
const gate = new Int32Array(workerData.gate);
let reported = false;
const timer = setInterval(() => {
  try {
    const [passive] = db.pragma('wal_checkpoint(PASSIVE)');
    if (passive.log > workerData.restartAbovePages) {
      // The gate (checkpoint-gate.ts) closed for the RESTART: the gateway's thread waits for it to
      // open rather than sleeping in SQLite's busy handler.
      Atomics.store(gate, 0, 1);
      try {
        db.pragma('wal_checkpoint(RESTART)');
      } finally {
        Atomics.store(gate, 0, 0);
        Atomics.notify(gate, 0);
      }
    }
    reported = false;
  } catch (error) {
    // Once per run of failures: the next success re-arms it.
    if (!reported) parentPort.postMessage({ error: String((error && error.message) || error) });
    reported = true;
  }
}, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export function startBackgroundCheckpoints(
  filename: string,
  logger: Logger | undefined,
  options: CheckpointOptions = {},
): BackgroundCheckpoints {
  const busyTimeoutMs = options.busyTimeoutMs ?? 5_000;
  const gate = createCheckpointGate(busyTimeoutMs);
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      driver: createRequire(import.meta.url).resolve('better-sqlite3'),
      filename,
      intervalMs: options.intervalMs ?? 100,
      restartAbovePages: options.restartAbovePages ?? 2_048,
      busyTimeoutMs,
      gate: gate.shared,
    },
  });
  // The thread never keeps the process alive: at exit, SQLite's own rules still hold for the log.
  worker.unref();
  worker.on('message', (message: { error?: string }) => {
    logger?.warn(
      { component: 'sqlite-checkpoints', reason: message.error },
      'background WAL checkpoint failed; the connection checkpoints by itself past its mark',
    );
  });
  worker.on('error', (error) => {
    logger?.warn(
      { component: 'sqlite-checkpoints', err: error },
      'background WAL checkpoint thread stopped; the connection checkpoints by itself past its mark',
    );
  });
  // A thread that ends mid-RESTART leaves no statement waiting.
  worker.on('exit', () => gate.open());
  let stopped: Promise<void> | undefined;
  return {
    gate,
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        if (worker.threadId === -1) return resolve();
        worker.once('exit', () => resolve());
        // Whoever waits for the stop (closeDatabase) keeps the process alive until the thread has
        // folded the log in: unreferenced, an event loop with nothing else left would end first.
        worker.ref();
        worker.postMessage('stop');
      });
      return stopped;
    },
  };
}
