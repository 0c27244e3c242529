import { readFileSync, writeFileSync } from 'node:fs';
import { decodeQrPng } from '@onelink-kit/testkit';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, recordOutsideRequests, screenshotPath } from './support/chromium.js';
import { KEYS, merchantRequest, type PagesGateway, startPagesGateway } from './support/gateway.js';

// The three pages in Debian's Chromium (playwright-core, headless) against the gateway running in
// this process over the testkit's fake 1LINK. Screenshots: test-results/screenshots/.

interface Created {
  id: string;
  rrn: string;
  status: string;
  qr?: { payload: string };
  links: { pay?: string };
}

let gw: PagesGateway;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  gw = await startPagesGateway();
  browser = await launchChromium();
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await gw?.stop();
});

/** A fresh browser profile (its own sessionStorage) whose requests may only go to the gateway. */
async function newPage(viewport = { width: 1280, height: 900 }): Promise<{ page: Page; outside: string[] }> {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  contexts.push(context);
  const outside = await recordOutsideRequests(context, gw.url);
  const page = await context.newPage();
  return { page, outside };
}

async function createQr(key: string, body: object = merchantRequest): Promise<Created> {
  const answer = await gw.api(key, '/v1/qr/merchant', { method: 'POST', body });
  expect(answer.status).toBe(201);
  return answer.body as unknown as Created;
}

/** Opens the console and enters the key in its form, as an operator does. */
async function signIn(page: Page, key: string): Promise<void> {
  await page.goto(`${gw.url}/console`);
  await page.getByLabel('Gateway API key').fill(key);
  await page.getByLabel('Gateway API key').press('Enter');
  await page.locator('#transactions').waitFor();
}

describe('GET /docs', () => {
  it('renders the reference with the create operation, and nothing is fetched from another host', async () => {
    const { page, outside } = await newPage();
    const blockedByCsp: string[] = [];
    page.on('requestfailed', (request) => {
      if (request.failure()?.errorText === 'csp') blockedByCsp.push(request.url());
    });
    await page.goto(`${gw.url}/docs`);
    const create = page.locator('h2', { hasText: 'Create a dynamic QR for a merchant' });
    await create.waitFor({ timeout: 30_000 });
    await expect(create.isVisible()).resolves.toBe(true);
    await expect(page.getByText('/v1/qr/merchant').first().isVisible()).resolves.toBe(true);
    await page.screenshot({ path: screenshotPath('docs') });
    expect(outside).toEqual([]);
    // Redoc's sidebar credit points an <img> at its CDN; the page's CSP stops it before any request.
    expect(blockedByCsp.every((url) => url.startsWith('https://cdn.redoc.ly/'))).toBe(true);
  });
});

describe('the console', () => {
  let shopARow: Created;

  it('enter a key, see a QR created through the API appear, open it and read its QR off the screen', async () => {
    const { page, outside } = await newPage();
    await signIn(page, KEYS.shopA);
    shopARow = await createQr(KEYS.shopA);
    await page.getByRole('button', { name: 'Apply filters' }).click();
    const row = page.locator(`tr[data-id="${shopARow.id}"]`);
    await row.waitFor();
    await expect(row.locator('td').nth(2).textContent()).resolves.toBe('Rs. 1,25,000.00');
    await expect(row.locator('td').nth(5).textContent()).resolves.toBe('shop-a');
    await page.screenshot({ path: screenshotPath('console-list') });

    await row.getByRole('link', { name: shopARow.rrn }).click();
    await page.waitForURL(`**/console/transactions/${shopARow.id}`);
    // The image is fetched with the key by the script and shown from a blob: URL.
    await expect
      .poll(() =>
        page.locator('#qr-img').evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
      )
      .toBeGreaterThan(0);
    await expect(page.locator('#request-json').textContent()).resolves.toContain(
      '"merchantID": "MER0000123"',
    );
    await expect(page.locator('#answer-json').textContent()).resolves.toContain('"responseCode": "00"');
    await expect(page.locator('#decoded').textContent()).resolves.toContain(shopARow.rrn);
    await expect(page.locator('#check').textContent()).resolves.toContain('matches the request');
    const shot = await page.screenshot({ path: screenshotPath('console-transaction'), fullPage: true });
    expect(decodeQrPng(shot)).toBe(shopARow.qr?.payload);
    expect(outside).toEqual([]);
  });

  it('filters by status: unknown rows stand out with what to do, and download as CSV', async () => {
    // 1LINK answers 96: the QR may exist, the row is unknown.
    gw.fake.script('merchant', {
      status: 500,
      body: { responseCode: '96', responseDescription: 'System malfunction' },
    });
    const failed = await gw.api(KEYS.shopA, '/v1/qr/merchant', { method: 'POST', body: merchantRequest });
    expect(failed.body.transactionStatus).toBe('unknown');
    const unknownId = failed.body.transactionId as string;

    const { page } = await newPage();
    await signIn(page, KEYS.shopA);
    await page.getByLabel('Status').selectOption('unknown');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    // The unknown row is in the unfiltered list too: wait until the filtered answer replaced it.
    await expect
      .poll(() =>
        page
          .locator('#transactions tbody tr')
          .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status'))),
      )
      .toEqual(['unknown']);
    await page.locator(`tr[data-id="${unknownId}"]`).waitFor();
    const ids = await page
      .locator('#transactions tbody tr')
      .evaluateAll((rows) =>
        rows.map((r) => [r.getAttribute('data-id'), r.getAttribute('data-status'), r.className]),
      );
    expect(ids).toEqual([[unknownId, 'unknown', 'attention']]);
    await expect(page.locator(`tr[data-id="${unknownId}"]`).textContent()).resolves.toContain(
      'reconcile by RRN',
    );
    await page.screenshot({ path: screenshotPath('console-unknown') });

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download CSV' }).click();
    const file = await (await download).path();
    const lines = readFileSync(file, 'utf8').trim().split('\r\n');
    expect(lines[0]).toMatch(/^id,kind,status,/);
    expect(lines.slice(1).map((line) => line.split(',').slice(0, 3))).toEqual([
      [unknownId, 'merchant', 'unknown'],
    ]);

    await page.locator(`tr[data-id="${unknownId}"] a`).click();
    await page.locator('#todo').waitFor();
    await expect(page.locator('#todo').textContent()).resolves.toMatch(/reconcile by RRN.*RRN \d{12}/);
    await page.screenshot({ path: screenshotPath('console-unknown-transaction'), fullPage: true });
  });

  it("a second caller's key does not see the first caller's rows; the admin key sees both", async () => {
    const shopBRow = await createQr(KEYS.shopB, { ...merchantRequest, amount: 499 });
    const { page: shopB } = await newPage();
    await signIn(shopB, KEYS.shopB);
    await shopB.locator(`tr[data-id="${shopBRow.id}"]`).waitFor();
    await expect(shopB.locator(`tr[data-id="${shopARow.id}"]`).count()).resolves.toBe(0);
    const callers = await shopB.locator('#transactions tbody td:nth-child(6)').allTextContents();
    expect(new Set(callers)).toEqual(new Set(['shop-b']));

    const { page: admin } = await newPage();
    await signIn(admin, KEYS.admin);
    await admin.locator(`tr[data-id="${shopBRow.id}"]`).waitFor();
    await expect(admin.locator(`tr[data-id="${shopARow.id}"]`).count()).resolves.toBe(1);
  });

  it("the create form shows the API's field errors next to the fields, then creates", async () => {
    const { page } = await newPage();
    await signIn(page, KEYS.shopB);
    await page.goto(`${gw.url}/console/new`);
    const field = (label: string) => page.getByLabel(label, { exact: true });
    await field('Trading name (dbaName)').fill('Lahore Books');
    await field('Merchant name').fill('Lahore Books (Pvt) Ltd');
    await field('IBAN').fill('PK36SCBL00000011234567');
    await field('Bank BIC').fill('SCBLPK');
    await field('Merchant category code').fill('59');
    await field('Merchant ID').fill('MER0000777');
    // The QR's city (tag 60) comes from the town, so a real create needs the address.
    await field('Town (optional)').fill('Lahore');
    await field('Address line (optional)').fill('Urdu Bazaar');
    await field('Terminal (subDept) (optional)').fill('0002');
    await field('Amount (whole PKR)').fill('2500');
    await page.getByRole('button', { name: 'Create QR' }).click();
    const ibanError = page.locator('#m-merchantDetails-iban-error');
    await ibanError.waitFor();
    await expect(ibanError.textContent()).resolves.toMatch(/characters|pattern/);
    await expect(
      page.locator('#m-merchantDetails-merchantCategoryCode-error').textContent(),
    ).resolves.toContain('pattern');
    await expect(field('IBAN').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.locator('#m-merchantDetails-dbaName-error').isVisible()).resolves.toBe(false);
    await page.screenshot({ path: screenshotPath('console-create-errors'), fullPage: true });

    await field('IBAN').fill('PK36SCBL0000001123456702');
    await field('Merchant category code').fill('5942');
    await page.getByRole('button', { name: 'Create QR' }).click();
    await page.waitForURL('**/console/transactions/qr_*');
    await page.locator('#qr-img').waitFor();
    await expect(page.locator('#summary').textContent()).resolves.toContain('Rs. 2,500.00');
  });
});

describe('GET /pay/{id} on a phone (390×844)', () => {
  const phone = { width: 390, height: 844 };

  it('shows a QR that reads back to the stored payload, the amount and the merchant', async () => {
    const created = await createQr(KEYS.shopA);
    const { page, outside } = await newPage(phone);
    await page.goto(`${gw.url}${created.links.pay}`);
    const shot = await page.screenshot({ path: screenshotPath('pay-phone') });
    expect(decodeQrPng(shot)).toBe(created.qr?.payload);
    await expect(page.locator('#amount').textContent()).resolves.toBe('Rs. 1,25,000.00');
    await expect(page.locator('h1').textContent()).resolves.toBe('Karachi Chai Corner');
    // Fits the phone: no sideways scrolling.
    const width = await page
      .locator('html')
      .evaluate((html) => (html as unknown as { scrollWidth: number }).scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    expect(outside).toEqual([]);
  });

  it('a short expiry turns into "expired" without a reload', async () => {
    const created = await createQr(KEYS.shopA, { ...merchantRequest, expiresInSeconds: 120 });
    const { page } = await newPage(phone);
    // The page's timers on a controlled clock: two minutes pass in a moment, the script runs as is.
    await page.clock.install();
    await page.goto(`${gw.url}${created.links.pay}`);
    await expect(page.locator('#qr svg').isVisible()).resolves.toBe(true);
    await expect(page.locator('#time-left').textContent()).resolves.toMatch(/^[12]:\d\d$/);
    await page.evaluate(() => {
      (globalThis as unknown as { loaded: boolean }).loaded = true;
    });
    await page.clock.fastForward(60_000);
    await expect(page.locator('#time-left').textContent()).resolves.toMatch(/^[01]:\d\d$/);
    await page.clock.fastForward(61_000);
    await page.locator('#expired').waitFor({ state: 'visible' });
    await expect(page.locator('#qr').count()).resolves.toBe(0);
    // Same document: nothing reloaded it.
    await expect(page.evaluate(() => (globalThis as unknown as { loaded?: boolean }).loaded)).resolves.toBe(
      true,
    );
    await page.screenshot({ path: screenshotPath('pay-expired') });
  });

  it('a mismatched QR is never shown to the payer', async () => {
    // 1LINK answers 00 with a QR made for an earlier request (another RRN).
    await createQr(KEYS.shopA);
    const earlier = gw.fake.requests('merchant').at(-1);
    if (earlier === undefined) throw new Error('no earlier request');
    gw.fake.script('merchant', { status: 200, body: gw.fake.successBody(earlier) });
    const answer = await gw.api(KEYS.shopA, '/v1/qr/merchant', { method: 'POST', body: merchantRequest });
    expect(answer.body.transactionStatus).toBe('mismatched');
    const { page } = await newPage(phone);
    await page.goto(`${gw.url}/pay/${answer.body.transactionId as string}`);
    await expect(page.locator('svg').count()).resolves.toBe(0);
    await expect(page.locator('main').textContent()).resolves.toContain('cannot be paid');
    writeFileSync(screenshotPath('pay-mismatched'), await page.screenshot());

    // The operator sees it marked, with what to do and the fields that differ, and no QR drawn.
    const { page: operator } = await newPage();
    await signIn(operator, KEYS.shopA);
    await operator.goto(`${gw.url}/console/transactions/${answer.body.transactionId as string}`);
    await operator.locator('#todo.attention').waitFor();
    await expect(operator.locator('#todo').textContent()).resolves.toMatch(/^mismatched.*Reconcile by RRN/);
    await expect(operator.locator('#qr-image').textContent()).resolves.toContain('never drawn');
    await expect(operator.locator('#check table tr').count()).resolves.toBeGreaterThan(1);
    await operator.screenshot({ path: screenshotPath('console-mismatched-transaction'), fullPage: true });
  });
});
