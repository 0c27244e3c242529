import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type FakeOneLink,
  gatewayListeningUrl,
  type RunningProcess,
  startFakeOneLink,
  waitUntil,
} from '@onelink-kit/testkit';
import knex from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../src/run.js';
import { API_KEY, merchantRequest } from './support/gateway-harness.js';
import { fakeUpstreamEnv, spawnGateway } from './support/gateway-process.js';

// The gateway as a real process (src/main.ts): a crash between the write-ahead row and the
// outcome, a restart that recovers the row to `unknown`, graceful SIGTERM. Configuration errors go
// through run(env, io) (src/run.ts, what main.ts runs) in this process: the refusal is the same start-up without the exit.

let fake: FakeOneLink;
let dir: string;
const children: RunningProcess[] = [];

beforeAll(async () => {
  fake = await startFakeOneLink();
  fake.always('qr', 'hang');
  dir = mkdtempSync(join(tmpdir(), 'gateway-crash-'));
});
afterAll(async () => {
  for (const child of children) await child.stop('SIGKILL');
  await fake?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function env(dbFile: string): Record<string, string> {
  return {
    ...fakeUpstreamEnv(fake, dbFile, 'crash-client'),
    // Long enough that the upstream call is still in flight when the process is killed.
    ONELINK_TIMEOUT_MS: '60000',
    // The same instance name across the restart: its own pending rows are recovered at start-up
    // (the default grace period for other instances' rows stays in force).
    GATEWAY_INSTANCE_ID: 'crash-test-instance',
  };
}

describe('crash between write-ahead and outcome', () => {
  it('kill -9 leaves a pending row; the restart marks it unknown and lists it for reconciliation', async () => {
    const dbFile = join(dir, 'crash.sqlite');
    const first = spawnGateway(env(dbFile));
    children.push(first);
    const url = await gatewayListeningUrl(first);

    const inFlight = fetch(`${url}/v1/qr/merchant`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${API_KEY}`,
        'content-type': 'application/json',
        'idempotency-key': 'crash-1',
      },
      body: JSON.stringify(merchantRequest),
    }).catch((error: unknown) => error);

    // The row is committed before the upstream call, and the upstream has the request.
    const reader = knex({
      client: 'better-sqlite3',
      connection: { filename: dbFile },
      useNullAsDefault: true,
    });
    try {
      await waitUntil('the upstream call', () => (fake.calls.merchant > 0 ? true : undefined));
      const pending = await reader('gateway_transactions').where({ status: 'pending' }).first();
      expect(pending).toMatchObject({ idempotency_key: 'crash-1', status: 'pending' });

      await first.stop('SIGKILL');
      expect(await inFlight).toBeInstanceOf(Error);
      expect((await reader('gateway_transactions').where({ id: pending.id }).first()).status).toBe('pending');

      const second = spawnGateway(env(dbFile));
      children.push(second);
      const url2 = await gatewayListeningUrl(second);
      const auth = { authorization: `Bearer ${API_KEY}` };

      const unknown = (await (
        await fetch(`${url2}/v1/transactions?status=unknown`, { headers: auth })
      ).json()) as {
        items: Array<{ id: string; status: string; rrn: string; recoveredAt: string | null }>;
      };
      expect(unknown.items).toHaveLength(1);
      expect(unknown.items[0]).toMatchObject({ id: pending.id, rrn: pending.rrn, status: 'unknown' });
      expect(unknown.items[0]?.recoveredAt).not.toBeNull();

      const view = await fetch(`${url2}/v1/qr/${pending.id}`, { headers: auth });
      expect(((await view.json()) as { status: string }).status).toBe('unknown');
      expect(second.lines().some((l) => l.includes('left by a crash') && l.includes(pending.rrn))).toBe(true);

      // The caller retrying with the same key learns the state; nothing is sent upstream again.
      const calls = fake.calls.merchant;
      const retry = await fetch(`${url2}/v1/qr/merchant`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': 'crash-1' },
        body: JSON.stringify(merchantRequest),
      });
      expect(retry.status).toBe(504);
      expect(await retry.json()).toMatchObject({ transactionId: pending.id, transactionStatus: 'unknown' });
      expect(fake.calls.merchant).toBe(calls);

      expect(await second.stop('SIGTERM')).toBe(0);
      expect(second.lines().some((l) => l.includes('gateway stopped'))).toBe(true);
    } finally {
      await reader.destroy();
    }
  });
});

describe('configuration errors stop the start-up (exit code 1) and name the variable', () => {
  const cases: Array<{ given: Record<string, string>; variable: string }> = [
    { given: { PORT: 'eighty' }, variable: 'PORT' },
    { given: { GATEWAY_API_KEYS: '' }, variable: 'GATEWAY_API_KEYS' },
    { given: { DATABASE_URL: 'mysql://db' }, variable: 'DATABASE_URL' },
    // The logger that reports configuration errors must not itself fail on a bad level.
    { given: { LOG_LEVEL: 'loud' }, variable: 'LOG_LEVEL' },
    {
      given: { GATEWAY_API_KEYS: '', GATEWAY_API_KEYS_FILE: '/nonexistent/keys' },
      variable: 'GATEWAY_API_KEYS_FILE',
    },
  ];
  it.each(cases)('$variable', async ({ given, variable }) => {
    const logged: string[] = [];
    const code = await run(
      { ...env(join(dir, 'config.sqlite')), ...given },
      { failures: { write: (line: string) => void logged.push(line) } },
    );
    expect(code).toBe(1);
    const text = logged.join('\n');
    expect(text).toContain(`"variable":"${variable}"`);
    expect(text).not.toContain('crash-client-secret-value');
    expect(text).not.toContain(API_KEY);
  });

  it('the process (src/main.ts) turns a refused configuration into exit code 1', async () => {
    const child = spawnGateway({ ...env(join(dir, 'exit.sqlite')), PORT: 'eighty' });
    children.push(child);
    expect(await child.exited).toBe(1);
    expect(child.output()).toContain('"variable":"PORT"');
  });
});
