import { type ChildProcess, spawn } from 'node:child_process';
import { defaultLayout } from '@onelink-kit/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// `pnpm mock` as a user runs it: every mocked spec served, then all of them stopped on SIGTERM.
// MOCK_PORT=0 lets the OS pick the ports; the CLI prints the real ones.
const repo = defaultLayout();
let child: ChildProcess | undefined;
let out = '';
let urls: string[] = [];

beforeAll(async () => {
  // What `pnpm mock` runs (node --import tsx, no tsx CLI in between): the CLI's parent process relays
  // SIGTERM to its child and once exited 143 itself on a loaded machine, whatever the script did.
  child = spawn(process.execPath, ['--import', 'tsx', 'scripts/mock.ts'], {
    cwd: repo.repoRoot,
    env: { ...process.env, MOCK_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    const onData = (c: Buffer) => {
      out += c.toString();
      if (out.includes('Ctrl-C to stop')) resolve();
    };
    child!.stdout!.on('data', onData);
    child!.stderr!.on('data', onData);
    child!.once('exit', (code) => reject(new Error(`pnpm mock exited ${code}:\n${out}`)));
  });
  urls = [...out.matchAll(/(http:\/\/127\.0\.0\.1:\d+)/g)].map((m) => m[1]!);
});
afterAll(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
});

describe('pnpm mock', () => {
  it('serves one Prism per spec with x-onelink-mock-port-offset and prints where', () => {
    const specsLines = out.split('\n').filter((l) => /^spec\/\S+\.yaml\s+http:\/\/127\.0\.0\.1:\d+/.test(l));
    expect(specsLines.map((l) => l.split(/\s+/)[0])).toContain('spec/1link-p2m-qr.yaml');
    expect(urls.length).toBe(specsLines.length);
    expect(out).toContain('scenarios: mock/SCENARIOS.md');
  });

  it('says what it is doing before Prism is up, then that it is ready', () => {
    const lines = out.split('\n');
    const first = lines.findIndex((l) => l.startsWith('spec/'));
    expect(lines[0]).toBe('Checking the fixtures against the specs …');
    expect(lines.findIndex((l) => /^Starting Prism for \d+ spec\(s\) on free ports/.test(l))).toBeLessThan(
      first,
    );
    expect(out).toMatch(/Ready in \d+\.\d s\./);
  });

  it('answers the 1LINK token endpoint and a QR scenario on the printed port', async () => {
    const base =
      urls[
        out
          .split('\n')
          .filter((l) => l.startsWith('spec/'))
          .findIndex((l) => l.startsWith('spec/1link-p2m-qr.yaml'))
      ]!;
    const token = await fetch(`${base}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials&client_id=a&client_secret=b&scope=1LinkApi',
    });
    expect(token.status).toBe(200);
    const qr = await fetch(`${base}/generateDQRCMerchant`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-ibm-client-id': 'a',
        authorization: 'Bearer b',
        prefer: 'code=429, example=rate-limited',
      },
      body: '{}',
    });
    expect(qr.status).toBe(429);
  });

  it('stops every Prism on SIGTERM and exits 0', async () => {
    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    child!.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(out).toContain(`SIGTERM: stopping ${urls.length} Prism server(s) …`);
    expect(out).toContain('Stopped.');
    for (const url of urls) {
      await expect(fetch(url), url).rejects.toThrow();
    }
  });
});
