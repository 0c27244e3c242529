import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type FakeOneLink, startFakeOneLink } from '@onelink-kit/testkit';
import knex from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, merchantRequest } from './support/gateway-harness.js';

// The gateway as a real process (src/main.ts): a crash between the write-ahead row and the
// outcome, a restart that recovers the row to `unknown`, graceful SIGTERM, configuration errors.

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const mainFile = fileURLToPath(new URL('../src/main.ts', import.meta.url));

interface Child {
  proc: ChildProcess;
  lines: string[];
  exited: Promise<number | null>;
}

function spawnGateway(env: Record<string, string>): Child {
  const proc = spawn(process.execPath, ['--import', 'tsx', mainFile], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      // Workspace packages resolve to their sources under the condition vitest puts in NODE_OPTIONS.
      NODE_OPTIONS: process.env.NODE_OPTIONS ?? '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let buffered = '';
  const collect = (chunk: Buffer) => {
    buffered += chunk.toString();
    const parts = buffered.split('\n');
    buffered = parts.pop() ?? '';
    lines.push(...parts.filter((l) => l.trim() !== ''));
  };
  proc.stdout?.on('data', collect);
  proc.stderr?.on('data', collect);
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  return { proc, lines, exited };
}

async function waitFor<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  ms = 30_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function listeningUrl(child: Child): Promise<string> {
  return waitFor('the gateway to listen', () => {
    for (const line of child.lines) {
      if (line.includes('"gateway listening"')) return (JSON.parse(line) as { url: string }).url;
    }
    return undefined;
  });
}

let fake: FakeOneLink;
let dir: string;
const children: Child[] = [];

beforeAll(async () => {
  fake = await startFakeOneLink();
  fake.always('qr', 'hang');
  dir = mkdtempSync(join(tmpdir(), 'gateway-crash-'));
});
afterAll(async () => {
  for (const child of children) if (child.proc.exitCode === null) child.proc.kill('SIGKILL');
  await fake?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function env(dbFile: string): Record<string, string> {
  return {
    PORT: '0',
    DATABASE_URL: `sqlite:${dbFile}`,
    GATEWAY_API_KEYS: API_KEY,
    ONELINK_BASE_URL: fake.url,
    ONELINK_TOKEN_URL: `${fake.url}/oauth2/token`,
    ONELINK_CLIENT_ID: 'crash-client',
    ONELINK_CLIENT_SECRET: 'crash-client-secret-value',
    // Long enough that the upstream call is still in flight when the process is killed.
    ONELINK_TIMEOUT_MS: '60000',
    // The same instance name across the restart: its own pending rows are recovered at start-up
    // (the default grace period for other instances' rows stays in force).
    GATEWAY_INSTANCE_ID: 'crash-test-instance',
    LOG_LEVEL: 'info',
  };
}

describe('crash between write-ahead and outcome', () => {
  it('kill -9 leaves a pending row; the restart marks it unknown and lists it for reconciliation', async () => {
    const dbFile = join(dir, 'crash.sqlite');
    const first = spawnGateway(env(dbFile));
    children.push(first);
    const url = await listeningUrl(first);

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
      await waitFor('the upstream call', () => (fake.calls.merchant > 0 ? true : undefined));
      const pending = await reader('gateway_transactions').where({ status: 'pending' }).first();
      expect(pending).toMatchObject({ idempotency_key: 'crash-1', status: 'pending' });

      first.proc.kill('SIGKILL');
      await first.exited;
      expect(await inFlight).toBeInstanceOf(Error);
      expect((await reader('gateway_transactions').where({ id: pending.id }).first()).status).toBe('pending');

      const second = spawnGateway(env(dbFile));
      children.push(second);
      const url2 = await listeningUrl(second);
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
      expect(second.lines.some((l) => l.includes('left by a crash') && l.includes(pending.rrn))).toBe(true);

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

      second.proc.kill('SIGTERM');
      expect(await second.exited).toBe(0);
      expect(second.lines.some((l) => l.includes('gateway stopped'))).toBe(true);
    } finally {
      await reader.destroy();
    }
  });
});

describe('configuration errors stop the process and name the variable', () => {
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
    const child = spawnGateway({ ...env(join(dir, 'config.sqlite')), ...given });
    children.push(child);
    expect(await child.exited).toBe(1);
    const text = child.lines.join('\n');
    expect(text).toContain(`"variable":"${variable}"`);
    expect(text).not.toContain('crash-client-secret-value');
    expect(text).not.toContain(API_KEY);
  });
});
