import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '@onelink-kit/testkit';
import { afterAll, describe, expect, it } from 'vitest';

// `pnpm start` as a new user runs it (scripts/start.ts), on free ports and a temp database.

const root = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'gateway-start-'));
let child: ChildProcess | undefined;

afterAll(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('pnpm start', () => {
  it('starts Prism and the gateway, prints a demo key and QR, serves it, and stops cleanly on SIGINT', async () => {
    const [port, mockPort] = [await freePort(), await freePort()];
    child = spawn(process.execPath, ['--import', 'tsx', join(root, 'scripts/start.ts')], {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        // Workspace packages resolve to their sources under vitest's condition, as `pnpm start` runs them.
        NODE_OPTIONS: process.env.NODE_OPTIONS ?? '',
        PORT: String(port),
        MOCK_PORT: String(mockPort),
        DATABASE_URL: `sqlite:${join(dir, 'start.sqlite')}`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (c: Buffer) => {
      output += c.toString();
    });
    child.stderr?.on('data', (c: Buffer) => {
      output += c.toString();
    });
    const exited = new Promise<number | null>((resolve) => child?.on('exit', (code) => resolve(code)));

    const deadline = Date.now() + 90_000;
    while (!output.includes('Serving.')) {
      if (child.exitCode !== null) throw new Error(`pnpm start exited early:\n${output}`);
      if (Date.now() > deadline) throw new Error(`pnpm start did not get ready:\n${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }

    expect(output).toContain(`1LINK mock (Prism):  http://127.0.0.1:${mockPort}`);
    expect(output).toContain(
      `Gateway:             http://127.0.0.1:${port}  (SQLite file ${join(dir, 'start.sqlite')})`,
    );
    expect(output).toMatch(/upstream is the Prism MOCK/);
    expect(output).toMatch(/[▀▄█]{10}/); // QR blocks
    const fixture = JSON.parse(
      readFileSync(join(root, 'mock/fixtures/generateDQRCMerchant/success.json'), 'utf8'),
    ) as { request: { body: { merchantDetails: { dbaName: string } } }; response: { body: { rrn: string } } };
    expect(output).toMatch(
      new RegExp(`qr\\.merchantName\\s+${fixture.request.body.merchantDetails.dbaName}`),
    );
    expect(output).toMatch(
      new RegExp(`info\\.rrn \\[tag 62\\.05\\]: sent \\d{12}, QR has ${fixture.response.body.rrn}`),
    );
    const key = /Demo API key:\s+(\S+)/.exec(output)?.[1];
    const png = /PNG:\s+(http:\/\/\S+\.png)/.exec(output)?.[1];
    expect(key).toMatch(/^olk_/);
    expect(png).toContain(`http://127.0.0.1:${port}/v1/qr/qr_`);

    const res = await fetch(png!, { headers: { authorization: `Bearer ${key}` } });
    expect(res.status).toBe(200);
    expect(
      Buffer.from(await res.arrayBuffer())
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
    expect((await fetch(png!)).status).toBe(401);

    child.kill('SIGINT');
    expect(await exited).toBe(0);
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
    await expect(fetch(`http://127.0.0.1:${mockPort}/`)).rejects.toThrow();
  });
});

describe('pnpm start arguments', () => {
  // Nothing is started for these: no port is bound, no Prism, no database. scripts/start.ts runs on import
  // and exports no main, so each case spawns it; the cases run side by side.
  const cases = [
    { given: ['--help'], want: { status: 0, stream: 'stdout', text: /^Usage: pnpm start/ } },
    { given: ['-h'], want: { status: 0, stream: 'stdout', text: /GATEWAY_API_KEYS\(_FILE\)/ } },
    { given: ['--port', '1'], want: { status: 2, stream: 'stderr', text: /unknown argument --port/ } },
  ] as const;
  it.concurrent.each(cases)('$given → exit $want.status', async ({ given, want }) => {
    const run = await spawnStart(given);
    expect(run.status).toBe(want.status);
    expect(run[want.stream]).toMatch(want.text);
    // PORT is invalid: had the script gone past its arguments, it would report a configuration error.
    expect(`${run.stdout}${run.stderr}`).not.toContain('Configuration error');
  });
});

function spawnStart(
  args: readonly string[],
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const run = spawn(process.execPath, ['--import', 'tsx', join(root, 'scripts/start.ts'), ...args], {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        NODE_OPTIONS: process.env.NODE_OPTIONS ?? '',
        PORT: 'not-a-port',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 60_000,
    });
    let stdout = '';
    let stderr = '';
    run.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
    });
    run.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    run.on('error', reject);
    run.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
