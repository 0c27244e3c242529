import { describe, expect, it } from 'vitest';
import {
  checkpointGateOf,
  createCheckpointGate,
  setCheckpointGate,
} from '../../src/storage/checkpoint-gate.js';

/** Closes the gate as the checkpoint thread does: through the shared memory alone. */
const close = (shared: SharedArrayBuffer) => Atomics.store(new Int32Array(shared), 0, 1);

describe('the checkpoint gate', () => {
  it('open: a statement goes on in the same turn (no promise)', () => {
    expect(createCheckpointGate(1_000).whenOpen()).toBeUndefined();
  });

  it('closed: a statement waits until the gate opens, then goes on', async () => {
    const gate = createCheckpointGate(10_000);
    close(gate.shared);
    let settled: unknown;
    const waiting = gate.whenOpen()?.then((how) => {
      settled = how;
    });
    expect(waiting).toBeInstanceOf(Promise);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(settled).toBeUndefined();
    gate.open();
    await waiting;
    expect(settled).toBe('ok');
    expect(gate.whenOpen()).toBeUndefined();
  });

  it('left closed: the wait gives up after its limit, leaving the rest to SQLite’s busy handler', async () => {
    const gate = createCheckpointGate(20);
    close(gate.shared);
    expect(await gate.whenOpen()).toBe('timed-out');
  });

  it('is found by the connection it was set for, and by no other', () => {
    const gate = createCheckpointGate(1_000);
    const connection = {};
    setCheckpointGate(connection, gate);
    expect([checkpointGateOf(connection), checkpointGateOf({})]).toEqual([gate, undefined]);
  });
});
