/// <reference lib="es2024.sharedmemory" />

/**
 * A gate the SQLite checkpoint thread closes while it runs a RESTART checkpoint, so that the
 * gateway's own connection starts no statement meanwhile.
 *
 * A RESTART holds the log's writer lock while it copies the last frames and syncs both files (a few
 * ms on a disk). A statement that asks for the lock then is refused, and SQLite's busy handler sleeps
 * on the gateway's only thread in steps of 1, 2, 5… ms, holding up every request the process serves,
 * well past the moment the lock is free (traced on the bench machine: 1 + 2 and 1 + 2 + 5 ms sleeps,
 * about twice a second at one connection; gateway README, Performance). With the gate, a statement
 * waits for the gate instead, off the thread, and starts as soon as the checkpoint is done.
 *
 * It only covers this process's own thread: another process on the same file still waits in SQLite's
 * busy handler, as before. A gate left closed (the thread died mid-checkpoint) opens when the thread
 * exits, and any wait gives up after `maxWaitMs`, leaving the busy handler to it.
 */
export interface CheckpointGate {
  /** The memory the checkpoint thread flips: 1 while a RESTART runs, else 0. */
  readonly shared: SharedArrayBuffer;
  /** Undefined while open (the statement goes on in the same turn), else settles when it opens. */
  whenOpen(): Promise<unknown> | undefined;
  /** Opens the gate and wakes the waiters (the thread stopped). */
  open(): void;
}

export function createCheckpointGate(maxWaitMs: number): CheckpointGate {
  const shared = new SharedArrayBuffer(4);
  const flag = new Int32Array(shared);
  return {
    shared,
    whenOpen() {
      if (Atomics.load(flag, 0) === 0) return undefined;
      const wait = Atomics.waitAsync(flag, 0, 1, maxWaitMs);
      return wait.async ? wait.value : undefined;
    },
    open() {
      Atomics.store(flag, 0, 0);
      Atomics.notify(flag, 0);
    },
  };
}

/** The gate of each SQLite connection that has a checkpoint thread. */
const gates = new WeakMap<object, CheckpointGate>();

export function setCheckpointGate(connection: object, gate: CheckpointGate): void {
  gates.set(connection, gate);
}

/** The gate of a connection, if it has a checkpoint thread. */
export function checkpointGateOf(connection: object): CheckpointGate | undefined {
  return gates.get(connection);
}
