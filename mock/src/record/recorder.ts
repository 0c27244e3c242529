import { randomBytes } from 'node:crypto';
import path from 'node:path';
import {
  type AggregatorQrInput,
  createInProcessAllocator,
  createOneLinkClient,
  type MerchantQrInput,
  type OneLinkClient,
} from '@onelink-kit/client';
import type { LocatedQr } from '@onelink-kit/emvqr';
import { type Fixture, fixturePath, serializeFixture, writeFixture } from '../fixtures.js';
import { findOperation, type SpecEntry } from '../spec-catalog.js';
import { type CaptureFinding, captureFinding, writeCaptureReport } from './capture-report.js';
import { NOT_RECORDABLE, RECORDABLE } from './recordable.js';
import { createRecordingFetch, type RawExchange } from './recording-fetch.js';
import { assertNoSecrets, PLACEHOLDERS, replaceSecrets, type SecretValue } from './secrets.js';
import { aggregatorRequest, ibanWithWrongCheckDigits, merchantRequest } from './simulated-data.js';
import { createThrottle, type Throttle } from './throttle.js';
import { exchangeToFixture, specPathOf } from './to-fixture.js';

export const RECORDER_TOOL = 'onelink-kit pnpm record 0.1.0';

export interface RecordOptions {
  specs: SpecEntry[];
  baseUrl: string;
  tokenUrl: string;
  /** Human label for provenance notes: `sandbox`, `production` or the URL. */
  environmentLabel: string;
  clientId: string;
  clientSecret: string;
  outDir: string;
  operations?: string[];
  scenarios?: string[];
  minIntervalMs: number;
  /** A merchant ID registered for the aggregator in the target environment (simulated). */
  aggregatorMerchantId: string;
  fetch?: typeof fetch;
  now?: () => number;
  log?: (line: string) => void;
}

export interface RecordOutcome {
  operationId: string;
  scenario: string;
  /**
   * written; skipped on purpose (not recordable, not asked for); failed: upstream did not give the answer the
   * scenario needs (or could not be reached); refused: the file would still have held a secret.
   */
  status: 'written' | 'skipped' | 'failed' | 'refused';
  file?: string;
  reason?: string;
}

interface ScenarioRun {
  exchanges: RawExchange[];
  pick: 'first' | 'last';
  notes: string;
  /** The last error the client raised, to explain a scenario that got no usable answer. */
  error?: unknown;
  /** Where the client found the QR in a success answer (its `result.qr`), for the capture report. */
  located?: LocatedQr | undefined;
}

/** Runs client calls in order; a scenario expects some to fail, so errors are kept, not thrown. */
async function lastError(...calls: Array<() => Promise<unknown>>): Promise<unknown> {
  let error: unknown;
  for (const call of calls) {
    await call().then(
      () => undefined,
      (e: unknown) => {
        error = e;
      },
    );
  }
  return error;
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${error.name}: ${error.message}${cause}`;
}

/**
 * Drives the real `@onelink-kit/client` against a 1LINK environment, one scenario at a time, through a
 * throttled recording fetch, and writes each exchange as a fixture after scrubbing. A file that still
 * contains a configured secret value is refused, never written.
 */
export async function recordFixtures(options: RecordOptions): Promise<RecordOutcome[]> {
  const log = options.log ?? (() => undefined);
  const now = options.now ?? Date.now;
  const throttle = createThrottle(options.minIntervalMs);
  const allowedOrigins = [...new Set([new URL(options.baseUrl).origin, new URL(options.tokenUrl).origin])];
  const allocator = createInProcessAllocator({ now });
  const wrongSecret = `wrong-secret-${randomBytes(12).toString('hex')}`;
  const secrets: SecretValue[] = [
    { name: 'ONELINK_CLIENT_ID', value: options.clientId, placeholder: PLACEHOLDERS.clientId },
    { name: 'ONELINK_CLIENT_SECRET', value: options.clientSecret, placeholder: PLACEHOLDERS.clientSecret },
    {
      name: 'the wrong secret sent for invalid-client',
      value: wrongSecret,
      placeholder: PLACEHOLDERS.clientSecret,
    },
  ];
  const origin = new URL(options.baseUrl).origin;
  const common = `Recorded by pnpm record from ${options.environmentLabel} (${origin}) with simulated data; credentials replaced by placeholders, personal data masked with its format kept; an EMV QR payload touched by masking had its CRC recomputed.`;

  const newClient = (throttleFetch: typeof fetch, clientSecret = options.clientSecret): OneLinkClient =>
    createOneLinkClient({
      baseUrl: options.baseUrl,
      tokenUrl: options.tokenUrl,
      clientId: options.clientId,
      clientSecret,
      fetch: throttleFetch,
      retry: false,
      now,
    });
  const recorder = (rewrite?: (r: Request) => Request | Promise<Request>) =>
    createRecordingFetch({
      throttle,
      allowedOrigins,
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(rewrite ? { rewrite } : {}),
    });

  const qrCall = (client: OneLinkClient, operationId: string, body: unknown) =>
    operationId === 'generateDQRCMerchant'
      ? client.generateDQRCMerchant(body as MerchantQrInput)
      : client.generateDQRCAggregator(body as AggregatorQrInput);
  const qrBody = async (operationId: string, variant: 'ok' | 'invalid') => {
    const ids = await allocator.allocate();
    if (operationId === 'generateDQRCMerchant') {
      // An invalid merchant body is made on the wire instead (see validation-error).
      return merchantRequest(now(), ids);
    }
    return aggregatorRequest(
      now(),
      ids,
      variant === 'invalid' ? 'SIMUNKNOWN99' : options.aggregatorMerchantId,
    );
  };

  const drivers: Record<string, (operationId: string) => Promise<ScenarioRun>> = {
    async success(operationId) {
      const rec = recorder();
      const client = newClient(rec.fetch);
      const body = operationId === 'requestToken' ? undefined : await qrBody(operationId, 'ok');
      let located: LocatedQr | undefined;
      const error = await lastError(async () => {
        if (body === undefined) return client.tokens.getToken();
        located = (await qrCall(client, operationId, body)).qr;
      });
      return {
        error,
        located,
        exchanges: rec.exchanges,
        pick: operationId === 'requestToken' ? 'first' : 'last',
        notes: `${common} Scenario: a valid request.`,
      };
    },
    async 'invalid-client'() {
      const rec = recorder();
      const error = await lastError(() => newClient(rec.fetch, wrongSecret).tokens.getToken());
      return {
        error,
        exchanges: rec.exchanges,
        pick: 'first',
        notes: `${common} Scenario: the right client ID with a made-up wrong secret.`,
      };
    },
    async 'validation-error'(operationId) {
      const merchant = operationId === 'generateDQRCMerchant';
      // The client refuses an IBAN with wrong check digits before sending (ISO 13616 mod-97), so the
      // merchant body leaves it valid and the digits are broken on the wire, where only 1LINK sees them.
      const rec = merchant
        ? recorder(async (r) => {
            if (!specPathOf(r.url, findOperation(options.specs, operationId)!)) return r;
            const sent = (await r.clone().json()) as { merchantDetails?: { iban?: string } };
            const iban = sent.merchantDetails?.iban;
            if (iban === undefined) return r;
            const broken = {
              ...sent,
              merchantDetails: { ...sent.merchantDetails, iban: ibanWithWrongCheckDigits(iban) },
            };
            return new Request(r, { body: JSON.stringify(broken) });
          })
        : recorder();
      const body = await qrBody(operationId, merchant ? 'ok' : 'invalid');
      const error = await lastError(() => qrCall(newClient(rec.fetch), operationId, body));
      const how = merchant
        ? 'an IBAN with wrong check digits (broken on the wire, after the client checked it)'
        : "a merchant ID not registered for the aggregator (passes the client's local checks)";
      return {
        error,
        exchanges: rec.exchanges,
        pick: 'last',
        notes: `${common} Scenario: provoked with ${how}.`,
      };
    },
    async 'duplicate-rrn'(operationId) {
      const rec = recorder();
      const client = newClient(rec.fetch);
      const body = await qrBody(operationId, 'ok');
      const error = await lastError(
        () => qrCall(client, operationId, body),
        () => qrCall(client, operationId, body),
      );
      return {
        error,
        exchanges: rec.exchanges,
        pick: 'last',
        notes: `${common} Scenario: the same stan/rrn sent twice; this is the second answer.`,
      };
    },
    async unauthorized(operationId) {
      // An expired token cannot be waited for politely, so the first QR attempt carries a made-up one;
      // the client then refreshes and re-sends once, as it does in production.
      let tampered = false;
      const rec = recorder((r) => {
        if (tampered || !specPathOf(r.url, findOperation(options.specs, operationId)!)) return r;
        tampered = true;
        const headers = new Headers(r.headers);
        headers.set('authorization', 'Bearer expired-token-presented-by-the-recorder');
        return new Request(r, { headers });
      });
      const body = await qrBody(operationId, 'ok');
      const error = await lastError(() => qrCall(newClient(rec.fetch), operationId, body));
      return {
        error,
        exchanges: rec.exchanges,
        pick: 'first',
        notes: `${common} Scenario: the first attempt presented an invalid (expired-looking) bearer token.`,
      };
    },
  };

  const outcomes: RecordOutcome[] = [];
  const findings: CaptureFinding[] = [];
  const operations = options.operations ?? Object.keys(RECORDABLE);
  for (const operationId of operations) {
    const op = findOperation(options.specs, operationId);
    const table = RECORDABLE[operationId];
    if (!op || !table) {
      outcomes.push({
        operationId,
        scenario: '*',
        status: 'skipped',
        reason: `the recorder does not drive ${operationId}`,
      });
      continue;
    }
    for (const scenario of options.scenarios ?? Object.keys(table)) {
      const expected = table[scenario];
      const driver = drivers[scenario];
      if (expected === undefined || !driver) {
        const reason = NOT_RECORDABLE[scenario] ?? `unknown scenario for ${operationId}`;
        outcomes.push({ operationId, scenario, status: 'skipped', reason });
        log(`skip   ${operationId}/${scenario}: ${reason}`);
        continue;
      }
      const run = await driver(operationId);
      // Every token seen in this run is a secret too, from now on.
      for (const ex of run.exchanges) {
        const token = /"access_token"\s*:\s*"([^"]+)"/.exec(ex.responseBody)?.[1];
        if (token)
          secrets.push({ name: 'an access token', value: token, placeholder: PLACEHOLDERS.accessToken });
        const bearer = /^Bearer (.+)$/i.exec(ex.requestHeaders.authorization ?? '')?.[1];
        if (bearer)
          secrets.push({ name: 'a bearer token', value: bearer, placeholder: PLACEHOLDERS.accessToken });
      }
      const candidates = run.exchanges.filter((ex) => specPathOf(ex.url, op));
      const matching = candidates.filter((ex) => ex.status === expected);
      const chosen = run.pick === 'first' ? matching[0] : matching[matching.length - 1];
      if (!chosen) {
        const seen = candidates.length
          ? `upstream answered HTTP ${candidates.map((c) => c.status).join(', ')}`
          : `no ${operationId} request was answered`;
        // Client messages carry no secrets by design; replaceSecrets makes sure of it here too.
        const why = run.error === undefined ? '' : ` (${replaceSecrets(describeError(run.error), secrets)})`;
        const reason = `expected HTTP ${expected}, ${seen}${why}; not written`;
        outcomes.push({ operationId, scenario, status: 'failed', reason });
        log(`FAIL   ${operationId}/${scenario}: ${reason}`);
        continue;
      }
      const fixture: Fixture = exchangeToFixture(chosen, {
        op,
        secrets,
        source: 'sandbox',
        tool: RECORDER_TOOL,
        notes: run.notes,
      });
      const file = fixturePath(options.outDir, operationId, scenario);
      try {
        assertNoSecrets(file, serializeFixture(fixture), secrets);
      } catch (err) {
        outcomes.push({ operationId, scenario, status: 'refused', file, reason: (err as Error).message });
        log(`REFUSE ${(err as Error).message}`);
        continue;
      }
      writeFixture(options.outDir, operationId, scenario, fixture);
      outcomes.push({ operationId, scenario, status: 'written', file });
      log(`wrote  ${operationId}/${scenario} (HTTP ${chosen.status})`);
      if (scenario === 'success' && operationId !== 'requestToken') {
        // From the fixture as written (credentials replaced, personal data masked) and the client's
        // own reading of where the QR was.
        findings.push(
          captureFinding({
            op,
            fixture: `${operationId}/${scenario}.json`,
            status: chosen.status,
            request: fixture.request.body,
            answer: fixture.response.body,
            located: run.located,
          }),
        );
      }
    }
  }
  if (findings.length > 0) {
    const report = {
      recordedAt: new Date(now()).toISOString(),
      environment: `${options.environmentLabel} (${origin})`,
      findings,
    };
    try {
      assertNoSecrets('capture-report.json', JSON.stringify(report), secrets);
      const written = writeCaptureReport(options.outDir, report);
      log(`capture report: ${written.markdown} (and ${path.basename(written.json)})`);
    } catch (err) {
      const reason = (err as Error).message;
      outcomes.push({ operationId: '*', scenario: 'capture-report', status: 'refused', reason });
      log(`REFUSE ${reason}`);
    }
  }
  return outcomes;
}

export type { Throttle };
