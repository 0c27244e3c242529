import { describe, expect, it } from 'vitest';
import { REPLAY_COLUMNS, replayFromRow } from '../../src/storage/replay-record.js';
import { fromRow } from '../../src/storage/transaction-record.js';

const row = {
  id: 'qr_1',
  status: 'succeeded',
  stan: '000001',
  rrn: '260010000001',
  request_hash: 'a'.repeat(64),
  created_at: '2026-01-01T00:00:00.000Z',
  response_status: '201',
  response_body: '{"id":"qr_1"}',
  error: '{"retryAfter":3}',
};

describe('replayFromRow', () => {
  it('reads only REPLAY_COLUMNS, and every member has one', () => {
    const read = new Set<string>();
    const watched = new Proxy(row, {
      get(target, key) {
        if (typeof key === 'string') read.add(key);
        return Reflect.get(target, key);
      },
    });
    const record = replayFromRow(watched);
    const getters = Object.entries(Object.getOwnPropertyDescriptors(Object.getPrototypeOf(record)))
      .filter(([, descriptor]) => descriptor.get !== undefined)
      .map(([name]) => name);
    expect(getters.sort()).toEqual(['error', 'responseBody']);
    for (const member of [...Object.keys(record), ...getters]) void record[member as keyof typeof record];
    expect([...read].sort()).toEqual([...REPLAY_COLUMNS].sort());
  });

  it('gives each member as the full record of the same row does', () => {
    const replay = replayFromRow(row);
    const full = fromRow(row);
    for (const member of Object.keys(replay) as Array<keyof typeof replay>) {
      expect(replay[member], member).toEqual(full[member]);
    }
    expect([replay.responseBody, replay.error]).toEqual([full.responseBody, full.error]);
    expect(replay.responseStatus).toBe(201);
  });

  it.each([
    { given: 'NULL', column: null, want: null },
    { given: 'text', column: '{"id":"qr_1"}', want: { id: 'qr_1' } },
  ])('response_body $given reads as $want, parsed once', ({ column, want }) => {
    const replay = replayFromRow({ ...row, response_body: column, response_status: null });
    expect(replay.responseBody).toEqual(want);
    expect(replay.responseBody).toBe(replay.responseBody);
    expect(replay.responseStatus).toBeNull();
  });
});
