import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { build, fieldsFromRequest, type OneLinkQrRequestLike, renderPng } from '@onelink-kit/emvqr';
import { checkFixtureDrift, defaultLayout, runRecord } from '@onelink-kit/mock';
import { makeTempDir, type TempDir } from '@onelink-kit/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// A recording round trip against a local fake 1LINK (never the sandbox) that answers the way one
// public integration expects the real one to: the QR as `qrCode`, a base64 PNG image (no qrString),
// plus a `qrData` member, and instructedAmount read in paisa. The capture report must say so.

const CLIENT_ID = 'capture-client-id-3c2b1a';
const CLIENT_SECRET = 'capture-secret-0f9e8d7c6b5a';

/** What this 1LINK answers: the QR it would issue if instructedAmount were paisa, as a PNG. */
async function paisaImageAnswer(text: string): Promise<Record<string, unknown>> {
  const body = JSON.parse(text) as OneLinkQrRequestLike & { info?: { stan?: string; rrn?: string } };
  const inRupees = structuredClone(body);
  const payment = inRupees.paymentDetails;
  if (payment?.instructedAmount !== undefined)
    payment.instructedAmount = Number(payment.instructedAmount) / 100;
  const png = await renderPng(build(fieldsFromRequest(inRupees)), { scale: 4 });
  return {
    responseCode: '00',
    responseDescription: 'Processed OK',
    stan: body.info?.stan,
    rrn: body.info?.rrn,
    qrCode: png.toString('base64'),
    qrData: { format: 'png' },
  };
}

/** Token + generateDQRCMerchant on 127.0.0.1:0; anything else 404. */
async function startImageOneLink(): Promise<{ url: string; stop(): Promise<void> }> {
  const server: Server = createServer(async (req, res) => {
    let text = '';
    for await (const chunk of req) text += String(chunk);
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.url?.endsWith('/oauth2/token')) {
      const form = new URLSearchParams(text);
      if (form.get('client_id') !== CLIENT_ID || form.get('client_secret') !== CLIENT_SECRET) {
        return reply(401, { error: 'invalid_client' });
      }
      return reply(200, { access_token: 'capture-token-1a2b3c4d5e', token_type: 'Bearer', expires_in: 3600 });
    }
    if (req.url?.endsWith('/generateDQRCMerchant')) return reply(200, await paisaImageAnswer(text));
    return reply(404, { httpCode: '404', httpMessage: 'Not Found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

let upstream: Awaited<ReturnType<typeof startImageOneLink>>;
let tmp: TempDir;
let code: number;
let output: string;
let outDir: string;

beforeAll(async () => {
  upstream = await startImageOneLink();
  tmp = makeTempDir('onelink-capture-');
  outDir = tmp.join('fixtures');
  const lines: string[] = [];
  code = await runRecord(
    [
      '--env',
      upstream.url,
      '--out',
      outDir,
      '--min-interval-ms',
      '0',
      '--operation',
      'generateDQRCMerchant',
      '--scenario',
      'success',
    ],
    { ONELINK_CLIENT_ID: CLIENT_ID, ONELINK_CLIENT_SECRET: CLIENT_SECRET },
    { out: (l) => lines.push(l), err: (l) => lines.push(l) },
  );
  output = lines.join('\n');
});
afterAll(async () => {
  await upstream?.stop();
  tmp?.remove();
});

describe('pnpm record writes a capture report beside the fixtures', () => {
  it('records the success answer and both report files', () => {
    expect(code, output).toBe(0);
    expect(existsSync(path.join(outDir, 'generateDQRCMerchant', 'success.json'))).toBe(true);
    expect(existsSync(path.join(outDir, 'capture-report.json'))).toBe(true);
    expect(existsSync(path.join(outDir, 'capture-report.md'))).toBe(true);
    expect(output).toMatch(/capture report: .*capture-report\.md/);
  });

  it('says the QR came as an image at $.qrCode, amounts in paisa, transactionType P2M, and the fields the spec lacks', () => {
    const report = JSON.parse(readFileSync(path.join(outDir, 'capture-report.json'), 'utf8'));
    expect(report.findings).toHaveLength(1);
    const [finding] = report.findings;
    expect(finding).toMatchObject({
      operationId: 'generateDQRCMerchant',
      fixture: 'generateDQRCMerchant/success.json',
      qr: { found: true, source: 'image', path: '$.qrCode', specField: false },
      amount: { instructedAmount: 310, tag54: '3.10', unit: 'paisa' },
      transactionType: 'P2M',
    });
    expect(finding.undeclared.map((u: { path: string; type: string }) => `${u.path}:${u.type}`)).toEqual([
      '$.qrCode:string',
      '$.qrData:object',
    ]);
    expect(finding.specEdit).toContain('QrResponse:');
    expect(finding.specEdit).toMatch(
      /qrCode:\n\s+type: string\n\s+description: Base64 PNG\/JPEG image of the QR/,
    );
    expect(finding.specEdit).toContain('qrData:');
    // Indented under the schema it names, and qrString (absent here) no longer required.
    expect(finding.specEdit).toMatch(/^ {4}QrResponse:\n {6}properties:\n {8}qrCode:$/m);
    expect(finding.specEdit).toContain(
      "The answer has no qrString: drop it from the success schema's `required`.",
    );
  });

  it('the markdown says the same in words', () => {
    const md = readFileSync(path.join(outDir, 'capture-report.md'), 'utf8');
    expect(md).toContain('found at `$.qrCode` as an image (decoded)');
    expect(md).toMatch(/\*\*Amount unit:\*\* paisa — instructedAmount 310 gave tag 54 = 3\.10/);
    expect(md).toContain('**transactionType accepted:** `P2M`');
    expect(md).toContain('`$.qrCode` (string)');
    expect(md).toContain('```yaml');
  });

  it('mock:check names the fixture whose success answer carries fields the spec does not describe', () => {
    const report = checkFixtureDrift({ ...defaultLayout(), fixturesDir: outDir });
    const problem = report.problems.find((p) => p.fixture.endsWith('generateDQRCMerchant/success.json'));
    expect(problem?.issues.map((i) => i.location)).toEqual(
      expect.arrayContaining(['response.body.qrCode', 'response.body.qrData']),
    );
    expect(problem?.issues.find((i) => i.location === 'response.body.qrCode')?.message).toMatch(
      /not described by the spec/,
    );
  });
});
