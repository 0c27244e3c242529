import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  type AggregatorQrInput,
  createOneLinkClient,
  type MerchantQrInput,
  type MockScenario,
  mockScenario,
  OneLinkApiError,
  OneLinkAuthError,
} from '@onelink-kit/client';
import { ibanChecksumValid, parseOneLinkDateTime } from '@onelink-kit/core';
import { checkFixtureDrift, defaultLayout, loadFixtures, runRecord } from '@onelink-kit/mock';
import { closedPortUrl, type FakeOneLink, startFakeOneLink } from '@onelink-kit/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSpecMockForTest, type TestMock } from '../support/onelink-mock.js';
import { qrPayloadsOf, qrProblems } from '../support/qr-checks.js';

// The whole recorder, as `pnpm record` runs it, against a local fake 1LINK (never the sandbox).
// The canary credentials must not survive into any file.
const CANARY_ID = 'canary-client-id-5f1b2c9d8e7a';
const CANARY_SECRET = 'canary-secret-9a8b7c6d5e4f3a2b1c0d';
const repo = defaultLayout();
const tmp = mkdtempSync(path.join(os.tmpdir(), 'onelink-record-'));
const outDir = path.join(tmp, 'fixtures');
const secretFile = path.join(tmp, 'secret');
let upstream: FakeOneLink | undefined;
let run: RecordRun;

interface RecordRun {
  code: number;
  stdout: string;
  stderr: string;
}
// In-process: scripts/record.ts only hands argv, process.env and console to runRecord. The environment
// is the test's own, so ONELINK_* variables of the host never reach the recorder.
const runRecorder = async (args: string[], env: Record<string, string>): Promise<RecordRun> => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runRecord(args, env, { out: (l) => out.push(l), err: (l) => err.push(l) });
  const text = (lines: string[]) => lines.map((l) => `${l}\n`).join('');
  return { code, stdout: text(out), stderr: text(err) };
};

beforeAll(async () => {
  // 1LINK as the recorder meets it: strict refusals, the canary credentials, a session cookie carrying
  // the secret (it must never reach a fixture) and the recorder's default aggregator in the registry.
  upstream = await startFakeOneLink({
    clientId: CANARY_ID,
    clientSecret: CANARY_SECRET,
    strict: true,
    tokenPrefix: 'tok-',
    tokenHeaders: { 'set-cookie': `apic=${CANARY_SECRET}; HttpOnly` },
    registry: {
      SIMAGG0001: {
        iban: 'PK53SIMA0000009876543210',
        bankBic: 'SIMAPK',
        merchantCategoryCode: '5942',
        merchantName: 'Simulated Book Depot Lahore',
        merchantCity: 'Lahore',
      },
    },
  });
  writeFileSync(secretFile, `${CANARY_SECRET}\n`);
  run = await runRecorder(['--env', upstream.url, '--out', outDir, '--min-interval-ms', '20'], {
    ONELINK_CLIENT_ID: CANARY_ID,
    ONELINK_CLIENT_SECRET_FILE: secretFile,
  });
});
afterAll(async () => {
  await upstream?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

/** Every scenario the recorder can capture from an upstream, as operationId/scenario, sorted. */
const RECORDABLE = [
  'generateDQRCAggregator/duplicate-rrn',
  'generateDQRCAggregator/success',
  'generateDQRCAggregator/unauthorized',
  'generateDQRCAggregator/validation-error',
  'generateDQRCMerchant/duplicate-rrn',
  'generateDQRCMerchant/success',
  'generateDQRCMerchant/unauthorized',
  'generateDQRCMerchant/validation-error',
  'requestToken/invalid-client',
  'requestToken/success',
];

describe('pnpm record against a fake upstream', () => {
  it('exits 0 and writes every recordable scenario', () => {
    expect(run.code, run.stderr + run.stdout).toBe(0);
    const written = loadFixtures(outDir).map((f) => `${f.operationId}/${f.scenario}`);
    expect(written).toEqual(RECORDABLE);
    expect(run.stdout).toContain('10 written, 0 skipped, 0 refused, 0 failed');
  });

  it('leaves no canary credential or issued token in any file (the capture report beside them included)', () => {
    const files = readdirSync(outDir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(outDir, path.join(entry.parentPath, entry.name)));
    expect(files).toEqual(expect.arrayContaining(['capture-report.json', 'capture-report.md']));
    for (const file of files) {
      const text = readFileSync(path.join(outDir, file), 'utf8');
      for (const needle of [CANARY_ID, CANARY_SECRET, encodeURIComponent(CANARY_SECRET), 'tok-']) {
        expect(text, `${file} contains ${needle.slice(0, 12)}…`).not.toContain(needle);
      }
    }
  });

  it('writes fixtures that validate against the spec (the contract test validator)', () => {
    const report = checkFixtureDrift({ ...repo, fixturesDir: outDir });
    expect(report.problems).toEqual([]);
    expect(report.checked).toBe(10);
  });

  it('writes QR payloads that verify (CRC recomputed after masking) and agree with their masked request', () => {
    const fixtures = loadFixtures(outDir);
    const withQr = fixtures
      .filter((f) => qrPayloadsOf(f.fixture).length > 0)
      .map((f) => `${f.operationId}/${f.scenario}`);
    expect(withQr).toEqual(['generateDQRCAggregator/success', 'generateDQRCMerchant/success']);
    for (const f of fixtures) expect(qrProblems(f.fixture), f.file).toEqual([]);
  });

  it('masks personal data with its format kept and marks provenance', () => {
    const [merchant] = loadFixtures(outDir).filter(
      (f) => f.operationId === 'generateDQRCMerchant' && f.scenario === 'success',
    );
    const body = merchant!.fixture.request.body as {
      merchantDetails: { iban: string; contactDetails: Record<string, string> };
    };
    expect(body.merchantDetails.iban).toMatch(/^PK[0-9]{2}XXXX0{12}[0-9]{4}$/);
    expect(ibanChecksumValid(body.merchantDetails.iban)).toBe(true);
    expect(body.merchantDetails.contactDetails).toMatchObject({
      mobileNo: '+923000000000',
      email: 'pxxxxxxx@sxxxxxxxx.example',
    });
    expect(merchant!.fixture.request.headers).toMatchObject({
      'x-ibm-client-id': '<ONELINK_CLIENT_ID>',
      authorization: 'Bearer <ACCESS_TOKEN>',
    });
    expect(merchant!.fixture.provenance).toMatchObject({
      source: 'sandbox',
      specFile: 'spec/1link-p2m-qr.yaml',
    });
    expect(merchant!.fixture.provenance.notes).toContain(upstream!.url);
  });

  it('never had two requests in flight at the upstream', () => {
    expect(upstream!.journal.length).toBeGreaterThanOrEqual(12);
    expect(upstream!.maxInFlight()).toBe(1);
  });
});

describe('recorded fixtures served by Prism (contract test 3 on a fresh recording)', () => {
  let mock: TestMock | undefined;
  beforeAll(async () => {
    mock = await startSpecMockForTest('1link-p2m-qr', { fixturesDir: outDir });
  });
  afterAll(async () => {
    await mock?.stop();
  });

  /** What the client must make of each recorded QR scenario. */
  const want: Record<string, { type?: new (...a: never[]) => Error; props: Record<string, unknown> }> = {
    success: { props: { status: 200 } },
    'validation-error': { type: OneLinkApiError, props: { status: 400, kind: 'validation' } },
    'duplicate-rrn': { type: OneLinkApiError, props: { status: 409, kind: 'duplicate' } },
    unauthorized: { type: OneLinkAuthError, props: { status: 401 } },
  };

  it('gives the client each recorded QR scenario: the body on success, the typed error otherwise', async () => {
    const qr = loadFixtures(outDir).filter((f) => f.operationId.startsWith('generateDQRC'));
    expect(qr.map((f) => `${f.operationId}/${f.scenario}`).sort()).toEqual(
      RECORDABLE.filter((name) => name.startsWith('generateDQRC')),
    );
    for (const f of qr) {
      const body = f.fixture.request.body as MerchantQrInput & AggregatorQrInput;
      const execution =
        body.paymentDetails?.executionDateTime ?? body.payerDetails?.paymentDetails?.executionDateTime;
      const client = createOneLinkClient({
        baseUrl: mock!.url,
        tokenUrl: `${mock!.url}/oauth2/token`,
        clientId: 'e2e-client-id',
        clientSecret: 'e2e-client-secret',
        retry: false,
        // The recorded expiry is checked against the time of recording, not of this test.
        now: () => parseOneLinkDateTime(execution!)!,
      });
      const opts = { headers: mockScenario(f.scenario as MockScenario) };
      const result = await (f.operationId === 'generateDQRCMerchant'
        ? client.generateDQRCMerchant(body, opts)
        : client.generateDQRCAggregator(body, opts)
      ).catch((e: unknown) => e);
      const expected = want[f.scenario];
      expect(expected, f.file).toBeDefined();
      if (expected!.type) expect(result, f.file).toBeInstanceOf(expected!.type);
      else expect((result as { data: unknown }).data, f.file).toEqual(f.fixture.response.body);
      expect(result, f.file).toMatchObject(expected!.props);
    }
  });
});

describe('pnpm record when upstream does not give the answer a scenario needs', () => {
  it.each([
    {
      name: 'wrong secret: the token error is named, exit 1, nothing written',
      given: async () => ({ env: upstream!.url, secret: 'canary-wrong-secret-0e1d2c3b4a59' }),
      want: /FAIL {3}generateDQRCMerchant\/success: expected HTTP 200, no generateDQRCMerchant request was answered \(OneLinkAuthError: [^)]*invalid_client/,
    },
    {
      name: 'nothing listening: the network error is named, exit 1, no stack trace',
      given: async () => ({ env: await closedPortUrl(), secret: CANARY_SECRET }),
      // The token request comes first: nothing listening there means the QR operation was never called.
      want: /FAIL {3}generateDQRCMerchant\/success: expected HTTP 200, no generateDQRCMerchant request was answered \(OneLinkTokenUnavailableError: 1LINK token endpoint unavailable, network-ECONNREFUSED[^)]*\(Could not reach 1LINK: ECONNREFUSED\)/,
    },
  ])('$name', async ({ given, want }) => {
    const { env, secret } = await given();
    const out = path.join(tmp, `failed-${Math.random().toString(36).slice(2)}`);
    const r = await runRecorder(
      [
        '--env',
        env,
        '--out',
        out,
        '--operation',
        'generateDQRCMerchant',
        '--scenario',
        'success',
        '--min-interval-ms',
        '20',
      ],
      { ONELINK_CLIENT_ID: CANARY_ID, ONELINK_CLIENT_SECRET: secret },
    );
    expect(r.code, r.stderr + r.stdout).toBe(1);
    expect(r.stdout).toMatch(want);
    expect(r.stdout).toContain('0 written, 0 skipped, 0 refused, 1 failed');
    expect(r.stderr).toContain('pnpm record: some scenarios got no usable answer');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(`${r.stdout}${r.stderr}`).not.toContain(secret);
    expect(`${r.stdout}${r.stderr}`).not.toContain(CANARY_ID);
    expect(() => readdirSync(out)).toThrow(/ENOENT/);
  });
});

describe('pnpm record refuses unsafe targets', () => {
  it.each([
    { given: ['--env', 'https://sandboxapi.1link.net.pk/x'], want: /not loopback: add --confirm-remote/ },
    {
      given: ['--env', 'https://example.invalid', '--confirm-remote', '--min-interval-ms', '10'],
      want: /at least 1000/,
    },
    { given: ['--env', 'not a url'], want: /--env must be sandbox, production or a URL/ },
    {
      given: ['--operation', 'getTemplate'],
      want: /--operation getTemplate: the recorder drives requestToken, /,
    },
    { given: ['--scenario', 'teapot'], want: /--scenario teapot: known scenarios are success, / },
  ])('$given', async ({ given, want }) => {
    const r = await runRecorder(given, { ONELINK_CLIENT_ID: 'x', ONELINK_CLIENT_SECRET: 'y' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(want);
  });
});
