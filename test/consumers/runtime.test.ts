import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedMock } from '../support/shared-mock.js';
import { installedApp } from './support/installed-app.js';
import { outsideEnv, run, runOk } from './support/run.js';
import { copyFixture } from './support/scratch.js';
import { WORKSPACE_ROOT } from './support/workspace.js';

// The installed tarballs run as JavaScript, outside the workspace: a plain ESM service against the
// local mock, and a CommonJS TypeScript service (NestJS's tsconfig) through Node's require(esm).
const appDir = await installedApp();
const fixture = (name: string) =>
  JSON.parse(readFileSync(path.join(WORKSPACE_ROOT, 'mock/fixtures/generateDQRCMerchant', name), 'utf8'));

const mock = sharedMock('1link-p2m-qr');

describe('plain Node ESM (node app.mjs)', () => {
  it('creates a merchant QR on the mock and gets the typed error of an error scenario', async () => {
    const dir = copyFixture('esm', appDir, 'merchant-body.mjs');
    const got = await runOk('node', ['app.mjs'], {
      cwd: dir,
      env: outsideEnv({ ONELINK_MOCK_URL: mock.url }),
    });
    const out = JSON.parse(got.stdout);
    const success = fixture('success.json').response.body;
    expect(out).toMatchObject({
      responseCode: '00',
      qrString: success.qrString,
      qrOk: true,
      failure: {
        apiError: true,
        coreError: true,
        responseCode: fixture('validation-error.json').response.body.responseCode,
      },
    });
    expect(out.stan).toMatch(/^\d{6}$/);
    expect(out.rrn).toMatch(/^\d{12}$/);
    expect(got.stderr).toBe('');
  });
});

describe('CommonJS TypeScript service (module commonjs, compiled with tsc, run with node)', () => {
  it('compiles against the node10 types and runs the ESM-only packages through require(esm)', async () => {
    const dir = copyFixture('cjs-ts', appDir, 'src/merchant-body.ts');
    await runOk('npx', ['--no-install', 'tsc', '-p', '.'], { cwd: dir });
    const emitted = readFileSync(path.join(dir, 'dist/main.js'), 'utf8');
    expect(emitted).toContain('require("@onelink-kit/client")');

    const payload = fixture('success.json').response.body.qrString;
    const got = await run('node', ['dist/main.js', payload], { cwd: dir });
    expect(got.stderr).toBe(''); // no ExperimentalWarning from require(esm) either
    expect(got.code).toBe(0);
    expect(JSON.parse(got.stdout)).toEqual({
      refused: { field: 'merchantDetails.iban', rule: 'minLength', core: true },
      tags: ['00', '01', '26', '52', '53', '54', '58', '59', '60', '62', '80', '63'],
      fetchClient: 'function',
      requireModule: true,
    });
  });
});
