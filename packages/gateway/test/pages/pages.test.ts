import { randomBytes } from 'node:crypto';
import { document } from '@onelink-kit/generated/gateway';
import { type FakeOneLink, startFakeOneLink } from '@onelink-kit/testkit';
import express from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DOCS_CSP, PAGE_CSP } from '../../src/pages/page-security.js';
import { payRoutes } from '../../src/pages/pay-routes.js';
import type { TransactionRecord, TransactionStatus } from '../../src/storage/transactions-store.js';
import { API_KEY, merchantRequest, startTestGateway } from '../support/gateway-harness.js';

type Gateway = Awaited<ReturnType<typeof startTestGateway>>;

let fake: FakeOneLink;
let gw: Gateway;
let created: { id: string; rrn: string; links: { pay?: string } };
let row: TransactionRecord;

beforeAll(async () => {
  fake = await startFakeOneLink();
  gw = await startTestGateway(fake.url);
  const answer = await request(gw.app)
    .post('/v1/qr/merchant')
    .set('Authorization', `Bearer ${API_KEY}`)
    .send({ ...merchantRequest, amount: 125000 });
  expect(answer.status).toBe(201);
  created = answer.body;
  row = (await gw.store.findById(created.id)) as TransactionRecord;
});

afterAll(async () => {
  await gw?.cleanup();
  await fake?.stop();
});

/** Script elements without src: the CSP forbids them, and the pages must not need them. */
function inlineScripts(html: string): string[] {
  return [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>/g)].map((m) => m[0]);
}

/** A copy of the created row under a new id and RRN, stored with another status. */
async function rowWith(status: Exclude<TransactionStatus, 'pending'> | 'pending'): Promise<string> {
  const id = `qr_${randomBytes(16).toString('hex')}`;
  const rrn = `9${randomBytes(6).readUIntBE(0, 6).toString().padStart(11, '0').slice(0, 11)}`;
  // A record's JSON members are getters, which a spread leaves out: the request is named.
  await gw.store.insertPending({ ...row, request: row.request, id, rrn, idempotencyKey: null });
  if (status !== 'pending') {
    await gw.store.complete(id, {
      status,
      qrString: row.qrString,
      qrDecoded: row.qrDecoded,
      qrCheck: row.qrCheck,
      qrMismatch: status === 'mismatched',
      responseStatus: 502,
      responseBody: {},
    });
  }
  return id;
}

describe('the API reference and the OpenAPI document, no key', () => {
  it('GET /docs is a page that loads Redoc from this gateway, under a CSP without inline script', async () => {
    const page = await request(gw.app).get('/docs');
    expect(page.status).toBe(200);
    expect(page.type).toBe('text/html');
    expect(page.headers['content-security-policy']).toBe(DOCS_CSP);
    expect(DOCS_CSP).toMatch(/script-src 'self'(;|$)/);
    expect(page.text).toContain('src="/pages/assets/redoc.standalone.js"');
    expect(page.text).toContain('data-spec-url="/openapi.json"');
    expect(inlineScripts(page.text)).toEqual([]);
    // Nothing on the page names another host (no CDN, no web font).
    expect(page.text).not.toMatch(/https?:\/\//);
  });

  it('serves the Redoc bundle and the start script from the package', async () => {
    const bundle = await request(gw.app).get('/pages/assets/redoc.standalone.js');
    expect(bundle.status).toBe(200);
    expect(bundle.type).toBe('text/javascript');
    expect(bundle.text.length).toBeGreaterThan(500_000);
    const start = await request(gw.app).get('/pages/assets/docs.js');
    expect(start.status).toBe(200);
    expect(start.text).toContain('Redoc.init');
    expect((await request(gw.app).get('/pages/assets/../package.json')).status).not.toBe(200);
  });

  it('GET /openapi.json and /openapi.yaml are the bundled document the validator enforces', async () => {
    const json = await request(gw.app).get('/openapi.json');
    expect(json.status).toBe(200);
    expect(json.body).toEqual(JSON.parse(JSON.stringify(document)));
    const yaml = await request(gw.app).get('/openapi.yaml');
    expect(yaml.status).toBe(200);
    expect(yaml.headers['content-type']).toMatch(/^application\/yaml/);
    expect(parse(yaml.text)).toEqual(json.body);
  });

  it('the API itself still wants a key', async () => {
    expect((await request(gw.app).get('/v1/transactions')).status).toBe(401);
  });
});

describe('the console pages', () => {
  it.each(['/console', '/console/new', '/console/transactions/qr_0123'])(
    '%s is a shell with the strict CSP, one script file and no inline script',
    async (path) => {
      const page = await request(gw.app).get(path);
      expect(page.status).toBe(200);
      expect(page.headers['content-security-policy']).toBe(PAGE_CSP);
      expect(page.headers['cache-control']).toBe('no-store');
      expect(PAGE_CSP).not.toContain('unsafe');
      expect(page.text).toContain('<script type="module" src="/pages/assets/console.js"></script>');
      expect(inlineScripts(page.text)).toEqual([]);
      expect(page.text).toContain('<label for="api-key">');
    },
  );

  it('every input of the create form has a label and an error slot it is described by', async () => {
    const page = await request(gw.app).get('/console/new');
    const inputs = [
      ...page.text.matchAll(/<input id="([^"]+)" name="([^"]+)"[^>]*aria-describedby="([^"]+)"/g),
    ];
    expect(inputs.length).toBeGreaterThanOrEqual(14);
    for (const [, id, name, describedBy] of inputs) {
      expect(page.text).toContain(`<label for="${id}">`);
      expect(describedBy?.split(' ')).toContain(`${id}-error`);
      expect(page.text).toContain(`id="${id}-error" data-error-for="${name}"`);
    }
  });

  it('escapes the id it echoes', async () => {
    const page = await request(gw.app).get('/console/transactions/%3Cimg%20src%3Dx%3E');
    expect(page.text).not.toContain('<img src=x>');
    expect(page.text).toContain('&lt;img src=x&gt;');
  });
});

describe("the payer's page", () => {
  it('the create answer links it', () => {
    expect(created.links.pay).toBe(`/pay/${created.id}`);
  });

  it('shows the QR, the amount with lakh grouping, the merchant name and the time left; nothing else', async () => {
    const page = await request(gw.app).get(`/pay/${created.id}`);
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toBe(PAGE_CSP);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['x-robots-tag']).toContain('noindex');
    expect(page.text).toContain('<p class="amount" id="amount">Rs. 1,25,000.00</p>');
    const decoded = row.qrDecoded as { merchantName: string };
    expect(page.text).toContain(`<h1 id="merchant">${decoded.merchantName}</h1>`);
    expect(page.text).toMatch(/<div class="qr" id="qr"[^>]*><svg /);
    const remaining = Number(/data-remaining-ms="(\d+)"/.exec(page.text)?.[1]);
    expect(remaining).toBeGreaterThan(880_000);
    expect(remaining).toBeLessThanOrEqual(900_000);
    expect(page.text).toMatch(/Expires in <span id="time-left" role="timer">1[45]:\d\d<\/span>/);
    expect(inlineScripts(page.text)).toEqual([]);
    // Not shown: what the payer does not need (even where the QR carries it).
    for (const hidden of [
      row.rrn,
      merchantRequest.merchantDetails.iban,
      merchantRequest.merchantDetails.merchantID,
      merchantRequest.reference,
      created.id.slice(3),
    ]) {
      expect(page.text.replace(/<svg[\s\S]*<\/svg>/, '')).not.toContain(hidden);
    }
  });

  it.each(['mismatched', 'failed', 'unknown', 'rejected', 'pending'] as const)(
    'a %s row never shows a QR',
    async (status) => {
      const id = await rowWith(status);
      const page = await request(gw.app).get(`/pay/${id}`);
      expect(page.status).toBe(200);
      expect(page.text).not.toContain('<svg');
      expect(page.text).not.toContain('Rs.');
      expect(page.text).toMatch(status === 'pending' ? /Not ready yet/ : /cannot be paid/);
    },
  );

  it('after the expiry the page says expired instead of drawing the QR', async () => {
    const expiresAt = Date.parse(`${(row.qrDecoded as { expiresAt: string }).expiresAt}+05:00`);
    for (const [now, expired] of [
      [expiresAt - 1000, false],
      [expiresAt, true],
      [expiresAt + 60_000, true],
    ] as const) {
      const app = express().use(payRoutes({ store: gw.store, now: () => now }));
      const page = await request(app).get(`/pay/${created.id}`);
      expect(page.status).toBe(200);
      expect(page.text.includes('<svg')).toBe(!expired);
      expect(page.text.includes('<h1>Expired</h1>')).toBe(expired);
    }
  });

  it.each([`qr_${'0'.repeat(32)}`, 'qr_123', '..%2F..%2Fetc', `QR_${'a'.repeat(32)}`])(
    '%s is not found',
    async (id) => {
      const page = await request(gw.app).get(`/pay/${id}`);
      expect(page.status).toBe(404);
      expect(page.text).toContain('Payment not found');
      expect(page.text).not.toContain('<svg');
    },
  );
});
