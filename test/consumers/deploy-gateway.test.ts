import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gatewayListeningUrl, type RunningProcess, startProcess } from '@onelink-kit/testkit';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { sharedMock } from '../support/shared-mock.js';
import { outsideEnv, runOk } from './support/run.js';
import { WORKSPACE_ROOT } from './support/workspace.js';

// `pnpm deploy:gateway <dir>` as an operator runs it, then the folder started with plain node (no
// tsx, no workspace) against the mock: it creates a QR and stops cleanly on SIGTERM.
const { scratch } = inject('consumers');
const API_KEY = 'consumer-deploy-test-api-key-0123456789';

const mock = sharedMock('1link-p2m-qr');
let gateway: RunningProcess | undefined;
afterAll(async () => {
  await gateway?.stop('SIGKILL');
});

describe('pnpm deploy:gateway <dir>', () => {
  it('writes a folder that starts with node <dir>/dist/main.js, creates a QR and exits 0 on SIGTERM', async () => {
    const dir = path.join(mkdtempSync(path.join(scratch, 'deploy-')), 'gateway');
    // pnpm itself stays on PATH; the source condition must not reach the build or the folder.
    await runOk('pnpm', ['deploy:gateway', dir], {
      cwd: WORKSPACE_ROOT,
      env: { ...outsideEnv(), PATH: process.env.PATH },
    });
    expect(existsSync(path.join(dir, 'dist/main.js'))).toBe(true);
    // No TypeScript sources: only the pages' static assets (browser scripts, CSS) come from src/.
    expect(
      readdirSync(path.join(dir, 'src'), { recursive: true }).filter((f) => String(f).endsWith('.ts')),
    ).toEqual([]);
    expect(existsSync(path.join(dir, 'src/pages/assets'))).toBe(true);
    const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
    // Production dependencies only: the gateway's devDependencies (type packages) are not installed.
    const devDependencies = Object.keys(manifest.devDependencies ?? {});
    expect(devDependencies.length).toBeGreaterThan(0);
    for (const name of devDependencies)
      expect(existsSync(path.join(dir, 'node_modules', name)), name).toBe(false);
    expect(existsSync(path.join(dir, 'node_modules/express/package.json'))).toBe(true);

    const env = outsideEnv({
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: `sqlite:${path.join(path.dirname(dir), 'gateway.sqlite')}`,
      GATEWAY_API_KEYS: API_KEY,
      // The local mock as upstream (no ONELINK_BASE_URL): Prism replays the recorded QR, whose RRN
      // differs from the one sent, and only with the mock does the gateway show it (reporting the
      // difference); a configured upstream would refuse it as upstream-qr-mismatch.
      MOCK_PORT: new URL(mock.url).port,
      LOG_LEVEL: 'info',
    });
    // cwd is / so nothing resolves from the workspace or the scratch folder.
    gateway = startProcess(process.execPath, [path.join(dir, 'dist/main.js')], { cwd: '/', env });
    const url = await gatewayListeningUrl(gateway);

    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const fixture = JSON.parse(
      readFileSync(path.join(WORKSPACE_ROOT, 'mock/fixtures/generateDQRCMerchant/success.json'), 'utf8'),
    );
    const res = await fetch(`${url}/v1/qr/merchant`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${API_KEY}`,
        'content-type': 'application/json',
        'idempotency-key': 'consumer-deploy-1',
      },
      body: JSON.stringify({
        merchantDetails: fixture.request.body.merchantDetails,
        amount: fixture.request.body.paymentDetails.instructedAmount,
        expiresInSeconds: 900,
        reference: 'deploy-folder-test',
      }),
    });
    const answer = (await res.json()) as { qr?: { payload?: string }; links?: { pay?: string } };
    expect(res.status, JSON.stringify(answer)).toBe(201);
    expect(answer.qr?.payload).toBe(fixture.response.body.qrString);
    // The pages work from the folder too (their assets are shipped beside dist/).
    for (const page of [
      '/docs',
      '/console',
      '/pages/assets/pages.css',
      answer.links?.pay ?? '/pay/missing-link',
    ])
      expect((await fetch(new URL(page, url))).status, page).toBe(200);

    expect(await gateway.stop('SIGTERM'), gateway.output()).toBe(0);
    // Logs are JSON lines (pino), one object per line.
    expect(gateway.lines().every((l) => l.startsWith('{'))).toBe(true);
    // The first deploy on a machine may compile better-sqlite3 inside the folder (minutes on a busy
    // 2-core machine); later ones reuse pnpm's side-effects cache (seconds).
  }, 900_000);
});
