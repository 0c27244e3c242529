import { formatOneLinkDateTime } from '@onelink-kit/core';
import fc from 'fast-check';
import { applyMutation, deepArray, jsonText, mutations } from './mutations.js';
import { type ArbitraryOptions, arbitraryFor, isObject } from './schema-arbitrary.js';
import type { Json, Operation, Parameter } from './spec.js';

/** One request the fuzzer sends, and what the contract says must follow from it. */
export interface FuzzRequest {
  operationId: string;
  /** Valid by the spec and the gateway's documented rules (a create then makes exactly one row). */
  valid: boolean;
  why: string;
  method: string;
  /** Path and query; `{id}` is filled at send time with a transaction id (`idChoice`). */
  target: string;
  /** 'known' picks a transaction created earlier in the run (when there is one). */
  idChoice?: { known: boolean; index: number; fallback: string };
  headers: Array<[string, string]>;
  body?: string;
  /** A create that writes a row when valid. */
  creates: boolean;
}

/** Pakistani IBANs with correct ISO 13616 check digits (the schema says the shape, not the digits). */
export const validIban = fc
  .tuple(fc.stringMatching(/^[A-Z]{4}$/), fc.stringMatching(/^[0-9A-Z]{16}$/))
  .map(([bank, account]) => {
    const base = `${bank}${account}PK00`;
    let remainder = 0;
    for (const char of base) {
      const value = Number.parseInt(char, 36);
      remainder = (value < 10 ? remainder * 10 + value : remainder * 100 + value) % 97;
    }
    return `PK${String(98 - remainder).padStart(2, '0')}${bank}${account}`;
  });

/** A PKT expiry 5 minutes to 23 hours ahead: inside 1LINK's window when sent, even after shrinking. */
const localExpiry = fc
  .integer({ min: 300, max: 23 * 3600 })
  .map((s) => formatOneLinkDateTime(Date.now() + s * 1000));

const OVERRIDES: ArbitraryOptions = {
  overrides: { LocalDateTime: localExpiry, ExpiresInSeconds: fc.integer({ min: 120, max: 86_400 }) },
};

/** Exactly one of expiresAt / expiresInSeconds, and a valid IBAN: rules the schema leaves to the gateway. */
function validBody(op: Operation): fc.Arbitrary<Json> {
  return fc
    .tuple(arbitraryFor(op.body!, OVERRIDES), validIban, fc.boolean(), fc.integer({ min: 120, max: 86_400 }))
    .map(([value, iban, keepAt, seconds]) => {
      const body = value as Json;
      const merchant = body.merchantDetails as Json;
      if (isObject(merchant) && 'iban' in merchant) merchant.iban = iban;
      if ('expiresAt' in body && 'expiresInSeconds' in body)
        delete body[keepAt ? 'expiresInSeconds' : 'expiresAt'];
      if (!('expiresAt' in body) && !('expiresInSeconds' in body)) body.expiresInSeconds = seconds;
      return body;
    });
}

const AUTH = (key: string) =>
  fc.constantFrom<Array<[string, string]>>([['authorization', `Bearer ${key}`]], [['x-api-key', key]]);

const HOSTILE_HEADERS: Array<[string, Array<[string, string]>]> = [
  ['X-Request-Id with spaces and quotes', [['x-request-id', 'a b"c<script>']]],
  ['X-Request-Id 4 KiB', [['x-request-id', 'r'.repeat(4096)]]],
  ['Accept text/html', [['accept', 'text/html']]],
  ['Content-Type text/plain', [['content-type', 'text/plain']]],
  ['credential in a cookie', [['cookie', 'session=abc; api_key=secret']]],
  ['Forwarded for localhost', [['x-forwarded-for', '127.0.0.1, ::1, <script>']]],
];

const CREATE_INVALID_RAW: Array<[string, string, Array<[string, string]>]> = [
  ['body: not JSON', '{"merchantDetails":', [['content-type', 'application/json']]],
  ['body: empty', '', [['content-type', 'application/json']]],
  ['body: array', '[]', [['content-type', 'application/json']]],
  ['body: null', 'null', [['content-type', 'application/json']]],
  ['body: string', '"x"', [['content-type', 'application/json']]],
  ['body: deep arrays', deepArray(7_500).text, [['content-type', 'application/json']]],
  ['body: over 16 KiB', JSON.stringify({ pad: 'x'.repeat(20_000) }), [['content-type', 'application/json']]],
  ['content-type: text/plain', '{}', [['content-type', 'text/plain']]],
  ['content-type: missing', '{"amount":1}', []],
  ['content-type: utf-16', '{}', [['content-type', 'application/json; charset=utf-16']]],
  ['content-type: form', 'amount=1', [['content-type', 'application/x-www-form-urlencoded']]],
];

/** Semantic rules the gateway applies beyond the schema: each broken once. */
function semanticBreaks(body: Json): Array<[string, Json]> {
  const out: Array<[string, Json]> = [];
  const withExpiry = (at: unknown, seconds: unknown) => {
    const copy = structuredClone(body);
    delete copy.expiresAt;
    delete copy.expiresInSeconds;
    if (at !== undefined) copy.expiresAt = at;
    if (seconds !== undefined) copy.expiresInSeconds = seconds;
    return copy;
  };
  out.push(['expiry: both given', withExpiry(formatOneLinkDateTime(Date.now() + 3_600_000), 900)]);
  out.push(['expiry: neither given', withExpiry(undefined, undefined)]);
  out.push(['expiresAt: in the past', withExpiry(formatOneLinkDateTime(Date.now() - 3_600_000), undefined)]);
  out.push([
    'expiresAt: beyond 24 h',
    withExpiry(formatOneLinkDateTime(Date.now() + 25 * 3_600_000), undefined),
  ]);
  out.push(['expiresAt: 30 February', withExpiry('2026-02-30T10:00:00', undefined)]);
  out.push([
    'expiresAt: leap second',
    withExpiry(`${formatOneLinkDateTime(Date.now() + 3_600_000).slice(0, 17)}60`, undefined),
  ]);
  out.push([
    'expiresAt: hour 24',
    withExpiry(`${formatOneLinkDateTime(Date.now() + 3_600_000).slice(0, 11)}24:00:00`, undefined),
  ]);
  const merchant = body.merchantDetails as Json;
  if (isObject(merchant) && typeof merchant.iban === 'string') {
    const copy = structuredClone(body);
    const iban = merchant.iban;
    (copy.merchantDetails as Json).iban =
      `PK${String((Number(iban.slice(2, 4)) + 1) % 100).padStart(2, '0')}${iban.slice(4)}`;
    out.push(['merchantDetails.iban: check digits', copy]);
  }
  return out;
}

/** Every request shape for one create operation. */
export function createRequests(op: Operation, key: string, serial: () => number): fc.Arbitrary<FuzzRequest> {
  const base = (why: string, valid: boolean, body: string | undefined, headers: Array<[string, string]>) => ({
    operationId: op.operationId,
    valid,
    why,
    method: 'POST',
    target: op.path,
    headers,
    ...(body === undefined ? {} : { body }),
    creates: true,
  });
  const json: [string, string] = ['content-type', 'application/json'];
  const idem = fc.option(fc.stringMatching(/^[\x21-\x7E]{1,200}$/), { nil: undefined });
  const valid = fc.tuple(validBody(op), AUTH(key), idem).map(([body, auth, idemKey]) =>
    base('valid', true, JSON.stringify(body), [
      ...auth,
      json,
      // A fresh key per request: a replay would (rightly) create no row.
      ...(idemKey === undefined
        ? []
        : ([['idempotency-key', `${serial()}-${idemKey}`]] as Array<[string, string]>)),
    ]),
  );
  const broken = validBody(op).chain((body) => {
    const all = mutations(op.body!, body).map((m) => [m.why, applyMutation(body, m)] as [string, unknown]);
    return fc.constantFrom(...all, ...semanticBreaks(body));
  });
  const invalidBody = fc
    .tuple(broken, AUTH(key))
    .map(([[why, body], auth]) =>
      base(why, false, body === undefined ? '' : jsonText(body), [...auth, json]),
    );
  const invalidRaw = fc
    .tuple(fc.constantFrom(...CREATE_INVALID_RAW), AUTH(key))
    .map(([[why, body, headers], auth]) => base(why, false, body, [...auth, ...headers]));
  const invalidHeaders = fc
    .tuple(
      validBody(op),
      fc.constantFrom<[string, Array<[string, string]>]>(
        ['Idempotency-Key: 256 characters', [['idempotency-key', 'k'.repeat(256)]]],
        ['Idempotency-Key: a space', [['idempotency-key', 'order 1']]],
        ['Idempotency-Key: non-ASCII', [['idempotency-key', 'order-١']]],
        ['Idempotency-Key: control character', [['idempotency-key', 'order\u0001']]],
        ['no API key', []],
        ['wrong API key', [['authorization', 'Bearer not-a-key-0123456789']]],
        ['Basic scheme', [['authorization', 'Basic dXNlcjpwYXNz']]],
        ['key in the query string', []],
      ),
    )
    .map(([body, [why, headers]]) => {
      const needsKey = why.startsWith('Idempotency');
      const request = base(why, false, JSON.stringify(body), [
        ...(needsKey ? ([['authorization', `Bearer ${key}`]] as Array<[string, string]>) : []),
        json,
        ...headers,
      ]);
      return why === 'key in the query string'
        ? { ...request, target: `${op.path}?api_key=${key}` }
        : request;
    });
  const hostile = fc
    .tuple(validBody(op), fc.constantFrom(...HOSTILE_HEADERS))
    .map(([body, [why, headers]]) => {
      // Accept text/html is answered in JSON anyway (a server may ignore Accept); only the wrong body type is refused.
      const isValid = !why.startsWith('Content-Type');
      const extra = why.startsWith('Content-Type') ? headers : [json, ...headers];
      return base(`hostile header: ${why}`, isValid, JSON.stringify(body), [
        ['authorization', `Bearer ${key}`],
        ...extra,
      ]);
    });
  return fc.oneof(
    { weight: 4, arbitrary: valid },
    { weight: 5, arbitrary: invalidBody },
    { weight: 1, arbitrary: invalidRaw },
    { weight: 1, arbitrary: invalidHeaders },
    { weight: 1, arbitrary: hostile },
  );
}

export function paramValue(param: Parameter): fc.Arbitrary<string> {
  return arbitraryFor(param.schema).map((v) => String(v));
}
