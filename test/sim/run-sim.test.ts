import { createServer, type Server } from 'node:net';
import { fileURLToPath } from 'node:url';
import { type RunningSimulator, runSim, SIM_USAGE } from '@onelink-kit/mock/sim';
import { type RunningProcess, startProcess } from '@onelink-kit/testkit';
import { afterEach, describe, expect, it } from 'vitest';

// `pnpm sim` as a function (runSim) in-process, and once as a person runs it, for Ctrl-C.

function io(signal?: AbortSignal) {
  const out: string[] = [];
  const err: string[] = [];
  let ready: RunningSimulator | undefined;
  return {
    out,
    err,
    ready: () => ready,
    io: {
      out: (l: string) => out.push(l),
      err: (l: string) => err.push(l),
      ...(signal ? { signal } : {}),
      onReady: (s: RunningSimulator) => {
        ready = s;
      },
    },
  };
}

describe('runSim arguments and environment', () => {
  it.each([
    {
      given: ['--help'],
      env: {},
      want: { code: 0, stream: 'out', text: /^usage: \[SIM_PORT=4020\] pnpm sim/ },
    },
    { given: ['-h'], env: {}, want: { code: 0, stream: 'out', text: /SIM_TOKEN_TTL_S/ } },
    {
      given: ['--port', '1'],
      env: {},
      want: { code: 2, stream: 'err', text: /^pnpm sim: unknown argument --port/ },
    },
    { given: ['--only'], env: {}, want: { code: 2, stream: 'err', text: /--only needs a spec name/ } },
    {
      given: [],
      env: { SIM_PORT: 'http' },
      want: {
        code: 1,
        stream: 'err',
        text: /^pnpm sim: SIM_PORT must be a whole number from 0 to 65535, got "http"$/,
      },
    },
    {
      given: [],
      env: { SIM_TOKEN_TTL_S: '0' },
      want: { code: 1, stream: 'err', text: /SIM_TOKEN_TTL_S must be/ },
    },
    {
      given: [],
      env: { SIM_LINK_HASH_KEY: 'a', SIM_LINK_HASH_KEY_FILE: '/nowhere' },
      want: { code: 1, stream: 'err', text: /SIM_LINK_HASH_KEY/ },
    },
  ])('$given $env → exit $want.code', async ({ given, env, want }) => {
    const run = io();
    const code = await runSim(given, env, run.io);
    expect(code).toBe(want.code);
    expect((want.stream === 'out' ? run.out : run.err).join('\n')).toMatch(want.text);
    expect(run.ready()).toBeUndefined();
  });

  it('--help is the usage text', async () => {
    const run = io();
    await runSim(['--help'], {}, run.io);
    expect(run.out).toEqual([SIM_USAGE]);
  });
});

describe('runSim serving', () => {
  let blocker: Server | undefined;
  afterEach(async () => {
    await new Promise((r) => (blocker ? blocker.close(r) : r(undefined)));
    blocker = undefined;
  });

  it('says what starts, where each spec is served, answers there, and stops with 0 when aborted', async () => {
    const stop = new AbortController();
    const run = io(stop.signal);
    const done = runSim([], { SIM_PORT: '0' }, run.io);
    while (!run.ready()) await new Promise((r) => setTimeout(r, 20));
    const lines = run.out.join('\n');
    expect(run.out[0]).toMatch(/^Starting the 1LINK simulator on 127\.0\.0\.1/);
    for (const spec of ['spec/1link-p2m-qr.yaml', 'spec/snap-card-binding.yaml', 'spec/link-payments.yaml']) {
      expect(lines).toMatch(new RegExp(`${spec.replaceAll('.', '\\.')}\\s+http://127\\.0\\.0\\.1:\\d+`));
    }
    expect(lines).toMatch(/Ready in \d+\.\d s\./);
    expect(lines).toContain('Ctrl-C stops the simulator.');
    const url = run.ready()?.server('1link-p2m-qr').url;
    expect((await fetch(`${url}/__sim/requests`)).status).toBe(200);
    stop.abort();
    expect(await done).toBe(0);
    await expect(fetch(`${url}/__sim/requests`)).rejects.toThrow();
  });

  it('a busy port is one clear line and exit 1, and nothing is left listening', async () => {
    blocker = createServer();
    await new Promise<void>((r) => blocker?.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as { port: number }).port;
    const run = io(AbortSignal.abort());
    const code = await runSim(['--only', '1link-p2m-qr'], { SIM_PORT: String(port) }, run.io);
    expect(code).toBe(1);
    expect(run.err.join('\n')).toMatch(
      new RegExp(`^pnpm sim: could not start: port ${port} on 127\\.0\\.0\\.1 is already in use`),
    );
    expect(run.err.join('\n')).toMatch(/Choose another first port, e\.g\. SIM_PORT=\d+ pnpm sim/);
  });

  it('refuses --only with a spec it does not serve, naming it', async () => {
    const run = io(AbortSignal.abort());
    expect(await runSim(['--only', 'gateway'], { SIM_PORT: '0' }, run.io)).toBe(1);
    expect(run.err.join('\n')).toContain('no mocked spec named gateway');
  });
});

describe('pnpm sim in a terminal', () => {
  let child: RunningProcess | undefined;
  afterEach(async () => {
    await child?.stop('SIGKILL');
  });

  it('stops on Ctrl-C (SIGINT) with exit 0, so pnpm reports no failure', async () => {
    const root = fileURLToPath(new URL('../../', import.meta.url));
    child = startProcess(process.execPath, ['--import', 'tsx', 'scripts/sim.ts'], {
      cwd: root,
      env: { ...process.env, SIM_PORT: '0' },
    });
    await child.waitFor(
      'pnpm sim to start',
      (output) => output.includes('Ctrl-C stops the simulator.') || undefined,
    );
    expect(await child.stop('SIGINT')).toBe(0);
    expect(child.output()).toContain('Stopped.');
  });
});
