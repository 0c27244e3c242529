import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  childEnv,
  freePort,
  makeTempDir,
  type RunningProcess,
  runProcess,
  startProcess,
} from '@onelink-kit/testkit';
import { afterAll, describe, expect, it } from 'vitest';

// `pnpm start` as a new user runs it (scripts/start.ts), on free ports and a temp database.

const root = fileURLToPath(new URL('../../', import.meta.url));
const dir = makeTempDir('gateway-start-');
const script = join(root, 'scripts/start.ts');
let child: RunningProcess | undefined;

afterAll(async () => {
  await child?.stop('SIGKILL');
  dir.remove();
});

/** Starts scripts/start.ts with `args` on free ports, a temp database and log file; resolves once it serves. */
async function startScript(args: string[], ports: Record<string, number>): Promise<RunningProcess> {
  child = startProcess(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: root,
    // Workspace packages resolve to their sources under vitest's condition, as `pnpm start` runs them.
    env: childEnv({
      ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
      DATABASE_URL: `sqlite:${dir.join(`start-${args.join('') || 'sim'}.sqlite`)}`,
      LOG_FILE: dir.join('gateway.log'),
    }),
  });
  await child.waitFor('pnpm start to serve', (output) => output.includes('Serving.') || undefined, 90_000);
  return child;
}

const fixture = JSON.parse(
  readFileSync(join(root, 'mock/fixtures/generateDQRCMerchant/success.json'), 'utf8'),
) as {
  request: { body: { merchantDetails: { dbaName: string }; paymentDetails: { instructedAmount: number } } };
  response: { body: { rrn: string } };
};

describe('pnpm start', () => {
  it('starts the simulator and the gateway, prints a demo key and a QR matching its request, serves it, and stops cleanly on SIGINT', async () => {
    const [port, simPort] = [await freePort(), await freePort()];
    const run = await startScript([], { PORT: port, SIM_PORT: simPort });
    const output = run.output();

    expect(output).toContain('Starting the 1LINK simulator on 127.0.0.1:');
    expect(output).toContain(`1LINK simulator:     http://127.0.0.1:${simPort}`);
    expect(output).toContain(
      `Gateway:             http://127.0.0.1:${port}  (SQLite file ${dir.join('start-sim.sqlite')})`,
    );
    expect(output).toContain(`Gateway log:         ${dir.join('gateway.log')}`);
    // The JSON log went to the file, not among the lines a person reads.
    expect(output).not.toMatch(/^\{"level"/m);
    expect(readFileSync(dir.join('gateway.log'), 'utf8')).toMatch(/^\{"level"/);
    expect(output).toMatch(/upstream is the 1LINK simulator/);
    expect(output).toMatch(/[▀▄█]{10}/); // QR blocks
    expect(output).toMatch(
      new RegExp(`qr\\.merchantName\\s+${fixture.request.body.merchantDetails.dbaName}`),
    );
    expect(output).toMatch(
      new RegExp(`qr\\.amount\\s+${fixture.request.body.paymentDetails.instructedAmount}\\.00`),
    );
    expect(output).toContain('QR check: ok, the decoded QR matches the request.');
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

    expect(await run.stop('SIGINT')).toBe(0);
    expect(run.output()).toContain('Stopped.');
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
    await expect(fetch(`http://127.0.0.1:${simPort}/__sim/requests`)).rejects.toThrow();
  });

  it('--prism plays the recorded QR back with Prism and explains why it differs', async () => {
    const [port, mockPort] = [await freePort(), await freePort()];
    const run = await startScript(['--prism'], { PORT: port, MOCK_PORT: mockPort });
    const output = run.output();
    expect(output).toContain(`1LINK mock (Prism):  http://127.0.0.1:${mockPort}`);
    expect(output).toMatch(/upstream is the Prism mock \(recorded playback\)/);
    expect(output).toMatch(
      new RegExp(`info\\.rrn \\[tag 62\\.05\\]: sent \\d{12}, QR has ${fixture.response.body.rrn}`),
    );
    expect(output).toContain('Expected with --prism');
    expect(await run.stop('SIGINT')).toBe(0);
    await expect(fetch(`http://127.0.0.1:${mockPort}/`)).rejects.toThrow();
  });
});

describe('pnpm start arguments', () => {
  // Nothing is started for these: no port is bound, no Prism, no database. scripts/start.ts runs on import
  // and exports no main, so each case spawns it (the script checks its arguments before it loads the
  // gateway, so each is a short run); the cases run side by side.
  const cases = [
    { given: ['--help'], want: { code: 0, stream: 'stdout', text: /^Usage: pnpm start/ } },
    { given: ['-h'], want: { code: 0, stream: 'stdout', text: /GATEWAY_API_KEYS\(_FILE\)/ } },
    { given: ['--port', '1'], want: { code: 2, stream: 'stderr', text: /unknown argument --port/ } },
    {
      given: ['--prism', '--help'],
      want: { code: 0, stream: 'stdout', text: /--prism\s+play the recorded fixtures back/ },
    },
  ] as const;
  it.concurrent.each(cases)('$given → exit $want.code', async ({ given, want }) => {
    const run = await spawnStart(given);
    expect(run.code).toBe(want.code);
    expect(run[want.stream]).toMatch(want.text);
    // PORT is invalid: had the script gone past its arguments, it would report a configuration error.
    expect(`${run.stdout}${run.stderr}`).not.toContain('Configuration error');
  });
});

function spawnStart(args: readonly string[]) {
  return runProcess(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: root,
    env: childEnv({ PORT: 'not-a-port' }),
    timeoutMs: 60_000,
  });
}
