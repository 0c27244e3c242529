import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { installedApp } from './support/installed-app.js';
import { outsideEnv, run } from './support/run.js';
import { WORKSPACE_ROOT } from './support/workspace.js';

// The CLIs shipped as package bins, run with npx from the project that installed the tarballs.
const appDir = await installedApp();
const success = JSON.parse(
  readFileSync(path.join(WORKSPACE_ROOT, 'mock/fixtures/generateDQRCMerchant/success.json'), 'utf8'),
);
const payload: string = success.response.body.qrString;

describe('onelink-qr (@onelink-kit/emvqr)', () => {
  it('decode prints the data objects and a valid CRC', async () => {
    const got = await run('npx', ['--no-install', 'onelink-qr', 'decode', payload], { cwd: appDir });
    expect(got.code, got.stderr).toBe(0);
    expect(got.stdout).toContain('Karachi Chai Corner');
    expect(got.stdout).toMatch(/CRC.*(ok|valid)/i);
  });

  it('decode of a payload with a broken CRC exits 1 and says so', async () => {
    const broken = `${payload.slice(0, -4)}0000`;
    const got = await run('npx', ['--no-install', 'onelink-qr', 'decode', broken], { cwd: appDir });
    expect(got.code).toBe(1);
    expect(got.stderr).toContain('CRC');
  });
});

describe('onelink-sign (@onelink-kit/signing)', () => {
  // Test-only key and password, given through the environment as the CLI requires.
  const env = outsideEnv({
    LINK_HASH_KEY: 'consumer-test-hash-key',
    LINK_PASSWORD: 'consumer-test-password',
  });
  const want = createHmac('sha512', 'consumer-test-hash-key')
    .update('MID0001consumer-test-password1500.00TXN42')
    .digest('hex');
  // The installed bin, as a team's script calls it, for merchant MID0001.
  const signLink = (...args: string[]) =>
    run('npx', ['--no-install', 'onelink-sign', 'link', '--mid', 'MID0001', ...args], { cwd: appDir, env });

  it('signs a Link Based Payments create request with the secrets from the environment', async () => {
    const got = await signLink('--amount', '1500.00', '--txn-id', 'TXN42');
    expect(got.code, got.stderr).toBe(0);
    expect(got.stdout).toContain(want);
    expect(got.stdout).not.toContain('consumer-test-password');
  });

  it('--verify with a wrong signature prints MISMATCH and exits 1', async () => {
    const got = await signLink('--invoice', 'INV1', '--verify', 'ab');
    expect(got.code).toBe(1);
    expect(got.stdout).toContain('MISMATCH');
  });
});
