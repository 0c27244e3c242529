import { describe, expect, it } from 'vitest';
import { childEnv, gatewayListeningUrl, runProcess, startProcess, waitUntil } from '../src/index.js';

// Child processes are plain `node -e` scripts: what they print and how they end is the whole given.
const node = (script: string) => [process.execPath, ['-e', script]] as const;
const options = { cwd: process.cwd(), env: childEnv() };

describe('runProcess', () => {
  it.each([
    {
      given: 'process.stdout.write("out"); process.stderr.write("err")',
      want: { code: 0, stdout: 'out', stderr: 'err' },
    },
    { given: 'process.exit(3)', want: { code: 3, stdout: '', stderr: '' } },
    { given: 'process.kill(process.pid, "SIGKILL")', want: { code: -1, stdout: '', stderr: '' } },
  ])('$given → exit $want.code', async ({ given, want }) => {
    const run = await runProcess(...node(given), options);
    expect(run).toMatchObject(want);
    expect(run.ms).toBeGreaterThanOrEqual(0);
  });

  it('ends a run that outlasts timeoutMs', async () => {
    const run = await runProcess(...node('setTimeout(() => {}, 60_000)'), { ...options, timeoutMs: 200 });
    expect(run.code).toBe(-1);
  });
});

describe('startProcess', () => {
  it('collects both streams, waits for a line and stops with the signal given', async () => {
    const child = startProcess(
      ...node('console.log("ready"); console.error("note"); setInterval(() => {}, 1000)'),
      options,
    );
    expect(await child.waitFor('ready', (out) => (out.includes('note') ? out : undefined))).toMatch(/ready/);
    expect(child.lines().sort()).toEqual(['note', 'ready']);
    expect(await child.stop('SIGTERM')).toBeNull();
    expect(child.proc.signalCode).toBe('SIGTERM');
  });

  it('waitFor throws with the output when the process exits first', async () => {
    const child = startProcess(...node('console.log("bye"); process.exit(2)'), options);
    await expect(child.waitFor('a line never printed', () => undefined)).rejects.toThrow(
      /exited \(2\) before a line never printed:\nbye/,
    );
    expect(await child.exited).toBe(2);
  });

  it('gatewayListeningUrl reads the URL from the "gateway listening" JSON line', async () => {
    const line = JSON.stringify({ level: 30, url: 'http://127.0.0.1:4321', msg: 'gateway listening' });
    const child = startProcess(
      ...node(`console.log(${JSON.stringify(line)}); setInterval(() => {}, 1000)`),
      options,
    );
    expect(await gatewayListeningUrl(child)).toBe('http://127.0.0.1:4321');
    await child.stop();
  });
});

describe('childEnv', () => {
  it('passes PATH, HOME and NODE_OPTIONS of this process and the extra variables, nothing else', () => {
    expect(Object.keys(childEnv({ PORT: '0' })).sort()).toEqual(['HOME', 'NODE_OPTIONS', 'PATH', 'PORT']);
    expect(childEnv().PATH).toBe(process.env.PATH);
  });
});

describe('waitUntil', () => {
  it('resolves with the first value the probe gives, and names what it waited for on timeout', async () => {
    let n = 0;
    expect(await waitUntil('three polls', () => (++n === 3 ? n : undefined))).toBe(3);
    await expect(waitUntil('nothing', () => undefined, 50)).rejects.toThrow('timed out waiting for nothing');
  });
});
