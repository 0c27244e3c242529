import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { childEnv, makeTempDir, type RunningProcess, runProcess, startProcess } from '@onelink-kit/testkit';
import { afterAll, describe, expect, it } from 'vitest';

// `pnpm start` as a new user runs it (scripts/start.ts), on free ports and a temp database. Every port is
// 0 and the URLs are read from what the script prints: a port probed here and passed in could be taken
// by a parallel test before the script binds it.

const root = fileURLToPath(new URL('../../', import.meta.url));
const dir = makeTempDir('gateway-start-');
const script = join(root, 'scripts/start.ts');
let child: RunningProcess | undefined;

afterAll(async () => {
  await child?.stop('SIGKILL');
  dir.remove();
});

/** The environment of a run: every port 0 (the OS picks), a temp database and log file, then `extra`. */
function scriptEnv(name: string, extra: Record<string, string> = {}) {
  // Workspace packages resolve to their sources under vitest's condition, as `pnpm start` runs them.
  return childEnv({
    PORT: '0',
    SIM_PORT: '0',
    MOCK_PORT: '0',
    DATABASE_URL: `sqlite:${dir.join(`start-${name}.sqlite`)}`,
    LOG_FILE: dir.join('gateway.log'),
    ...extra,
  });
}

/** Starts scripts/start.ts with `args` (see scriptEnv); resolves once it serves. */
async function startScript(args: string[]): Promise<RunningProcess> {
  child = startProcess(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: root,
    env: scriptEnv(args.join('') || 'sim'),
  });
  await child.waitFor('pnpm start to serve', (output) => output.includes('Serving.') || undefined, 90_000);
  return child;
}

/** The URL on the script's `label:` row, checked to carry the port it bound (not the 0 it was given). */
function printedUrl(output: string, label: string): string {
  const line = output.split('\n').find((l) => l.startsWith(`${label}:`)) ?? '';
  const url = /http:\/\/127\.0\.0\.1:(\d+)/.exec(line);
  if (!url || url[1] === '0') throw new Error(`no ${label} URL with a bound port in:\n${output}`);
  return url[0];
}

const fixture = JSON.parse(
  readFileSync(join(root, 'mock/fixtures/generateDQRCMerchant/success.json'), 'utf8'),
) as {
  request: { body: { merchantDetails: { dbaName: string }; paymentDetails: { instructedAmount: number } } };
  response: { body: { rrn: string } };
};

describe('pnpm start', () => {
  it('starts the simulator and the gateway, prints a demo key and a QR matching its request, serves it, and stops cleanly on SIGINT', async () => {
    const run = await startScript([]);
    const output = run.output();
    const [sim, gateway] = [printedUrl(output, '1LINK simulator'), printedUrl(output, 'Gateway')];

    expect(output).toContain('Starting the 1LINK simulator on 127.0.0.1 (free ports) …');
    expect(output).toContain('Starting the gateway on 127.0.0.1 (a free port) …');
    expect(output).toContain(`1LINK simulator:     ${sim}  (journal: ${sim}/__sim/requests)`);
    expect(output).toContain(
      `Gateway:             ${gateway}  (SQLite file ${dir.join('start-sim.sqlite')})`,
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
    expect(png).toContain(`${gateway}/v1/qr/qr_`);

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
    await expect(fetch(`${gateway}/healthz`)).rejects.toThrow();
    await expect(fetch(`${sim}/__sim/requests`)).rejects.toThrow();
  });

  it('--prism plays the recorded QR back with Prism and explains why it differs', async () => {
    const run = await startScript(['--prism']);
    const output = run.output();
    const mock = printedUrl(output, '1LINK mock (Prism)');
    expect(output).toContain('Starting Prism with the recorded 1LINK fixtures on 127.0.0.1 (a free port)');
    expect(output).toMatch(/upstream is the Prism mock \(recorded playback\)/);
    // The recorded RRN came back through the gateway, so it was pointed at the port Prism got.
    expect(output).toMatch(
      new RegExp(`info\\.rrn \\[tag 62\\.05\\]: sent \\d{12}, QR has ${fixture.response.body.rrn}`),
    );
    expect(output).toContain('Expected with --prism');
    expect(await run.stop('SIGINT')).toBe(0);
    await expect(fetch(`${mock}/`)).rejects.toThrow();
  });

  it('a taken PORT is one line naming PORT, exit 1, and what had started is stopped', async () => {
    // Held for the whole run, so the port is certainly taken (a released probe might not be).
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const { port } = holder.address() as AddressInfo;
    try {
      const run = await runProcess(process.execPath, ['--import', 'tsx', script], {
        cwd: root,
        env: scriptEnv('taken', { PORT: String(port) }),
        timeoutMs: 90_000,
      });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(
        new RegExp(
          `^pnpm start could not start: .*already in use .*\\(PORT=${port}: choose another port, or PORT=0 for one the OS picks\\)$`,
          'm',
        ),
      );
      await expect(fetch(`${printedUrl(run.stdout, '1LINK simulator')}/__sim/requests`)).rejects.toThrow();
    } finally {
      await new Promise<void>((resolve) => holder.close(() => resolve()));
    }
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
