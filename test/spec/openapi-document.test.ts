import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { oneLinkSpec, QR_OPS, specDir } from './support/one-link-spec.js';

const specs = readdirSync(specDir)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort();
const spec = oneLinkSpec();

describe('every spec/*.yaml is a valid OpenAPI document (independent validator)', () => {
  it('finds the 1LINK spec among them', () => {
    expect(specs).toContain('1link-p2m-qr.yaml');
  });

  it.each(specs)('%s', async (name) => {
    const validator = new Validator();
    const text = (file: string): string => readFileSync(join(specDir, file), 'utf8');
    // Specs may $ref sibling specs' components as written (gateway.yaml → ./1link-p2m-qr.yaml#/...):
    // register each referenced sibling, transitively, under that relative URI.
    const pending = [name];
    const added = new Set<string>([name]);
    while (pending.length > 0) {
      for (const m of text(pending.pop()!).matchAll(/\.\/([\w.-]+\.ya?ml)#/g)) {
        const other = m[1]!;
        if (added.has(other)) continue;
        added.add(other);
        pending.push(other);
        await validator.addSpecRef(parse(text(other)) as Record<string, unknown>, `./${other}`);
      }
    }
    const result = await validator.validate(parse(text(name)) as Record<string, unknown>);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });
});

describe('1link-p2m-qr.yaml: operations, servers and security as the 1LINK sandbox document gives them', () => {
  it.each([
    { given: '/oauth2/token', want: 'requestToken' },
    { given: '/generateDQRCMerchant', want: 'generateDQRCMerchant' },
    { given: '/generateDQRCAggregator', want: 'generateDQRCAggregator' },
  ])('POST $given is $want', ({ given, want }) => {
    expect(spec.op(given).operationId).toBe(want);
  });

  it('has exactly those paths', () => {
    expect(Object.keys(spec.doc.paths).sort()).toEqual([
      '/generateDQRCAggregator',
      '/generateDQRCMerchant',
      '/oauth2/token',
    ]);
  });

  it('serves the QR operations from the sandbox and production 1Link bases', () => {
    expect(spec.doc.servers.map((s) => s.url)).toEqual([
      'https://sandboxapi.1link.net.pk/uat-1link/sandbox/1Link',
      'https://public-interface.1link.net.pk/onelink/production/1Link',
    ]);
  });

  it('resolves the token path against the .../sandbox level so the full URL is the token URL of the 1LINK sandbox document', () => {
    const servers = spec.doc.paths['/oauth2/token']!.servers ?? [];
    expect(servers.map((s) => `${s.url}/oauth2/token`)).toEqual([
      'https://sandboxapi.1link.net.pk/uat-1link/sandbox/oauth2/token',
      'https://public-interface.1link.net.pk/onelink/production/oauth2/token',
    ]);
  });

  it('sends the token request form-urlencoded without API security', () => {
    const token = spec.op('/oauth2/token');
    expect(token.security).toEqual([]);
    expect(Object.keys(token.requestBody!.content)).toEqual(['application/x-www-form-urlencoded']);
  });

  it.each(QR_OPS)(
    '$operationId needs X-IBM-Client-Id AND a bearer token in every alternative',
    ({ path }) => {
      const security = spec.op(path).security ?? [];
      expect(security.length).toBeGreaterThan(0);
      for (const requirement of security) {
        expect(Object.keys(requirement)).toContain('clientId');
        const bearer = Object.keys(requirement).filter((k) => k === 'bearerAuth' || k === 'oauth2');
        expect(bearer).toHaveLength(1);
      }
      expect(security.some((r) => 'bearerAuth' in r)).toBe(true);
    },
  );

  it('defines the schemes: API key header, bearer, OAuth2 client credentials with scope 1LinkApi', () => {
    const { clientId, bearerAuth, oauth2 } = spec.doc.components.securitySchemes;
    expect(clientId).toMatchObject({ type: 'apiKey', in: 'header', name: 'X-IBM-Client-Id' });
    expect(bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(oauth2).toMatchObject({
      type: 'oauth2',
      flows: {
        clientCredentials: {
          tokenUrl: 'https://sandboxapi.1link.net.pk/uat-1link/sandbox/oauth2/token',
          scopes: { '1LinkApi': expect.any(String) },
        },
      },
    });
  });

  it.each(QR_OPS)(
    '$operationId documents 200, 400, 401, 403, 404, 409, 429, 500, 502, 503, 504',
    ({ path }) => {
      expect(Object.keys(spec.op(path).responses).sort()).toEqual(
        ['200', '400', '401', '403', '404', '409', '429', '500', '502', '503', '504'].sort(),
      );
      expect(spec.op(path).responses['429']!.headers).toHaveProperty('Retry-After');
    },
  );
});

describe('1link-p2m-qr.yaml: x-onelink-response-codes is the table written out below (code, HTTP status, kind, retryable)', () => {
  const table = [
    { code: '00', httpStatus: 200, kind: 'success', retryable: false, description: 'Processed OK' },
    {
      code: '12',
      httpStatus: 400,
      kind: 'validation',
      retryable: false,
      description: 'Invalid transaction / request field',
    },
    { code: '13', httpStatus: 400, kind: 'validation', retryable: false, description: 'Invalid amount' },
    { code: '30', httpStatus: 400, kind: 'validation', retryable: false, description: 'Format error' },
    {
      code: '94',
      httpStatus: 409,
      kind: 'duplicate',
      retryable: false,
      description: 'Duplicate transmission (duplicate RRN)',
    },
    {
      code: '91',
      httpStatus: 503,
      kind: 'transient',
      retryable: true,
      description: 'Switch or issuer inoperative',
    },
    { code: '96', httpStatus: 500, kind: 'upstream', retryable: false, description: 'System malfunction' },
  ];

  it('has exactly the table codes', () => {
    expect(Object.keys(spec.doc['x-onelink-response-codes']).sort()).toEqual(table.map((r) => r.code).sort());
  });

  it.each(table)('$code → $kind, HTTP $httpStatus, retryable $retryable', ({ code, ...want }) => {
    const entry = spec.doc['x-onelink-response-codes'][code];
    expect(entry).toMatchObject(want);
    expect(entry, 'synthetic codes carry x-onelink-note').toHaveProperty('x-onelink-note');
  });
});

describe('1link-p2m-qr.yaml: mock scenarios have named examples (Prism: Prefer: code=<status>, example=<name>)', () => {
  it.each([
    { given: { path: '/generateDQRCMerchant', status: '200' }, want: 'success' },
    { given: { path: '/generateDQRCMerchant', status: '400' }, want: 'validation-error' },
    { given: { path: '/generateDQRCMerchant', status: '401' }, want: 'unauthorized' },
    { given: { path: '/generateDQRCMerchant', status: '409' }, want: 'duplicate-rrn' },
    { given: { path: '/generateDQRCMerchant', status: '429' }, want: 'rate-limited' },
    { given: { path: '/generateDQRCMerchant', status: '500' }, want: 'server-error' },
    { given: { path: '/generateDQRCAggregator', status: '200' }, want: 'success' },
    { given: { path: '/generateDQRCAggregator', status: '400' }, want: 'validation-error' },
    { given: { path: '/generateDQRCAggregator', status: '401' }, want: 'unauthorized' },
    { given: { path: '/generateDQRCAggregator', status: '409' }, want: 'duplicate-rrn' },
    { given: { path: '/generateDQRCAggregator', status: '429' }, want: 'rate-limited' },
    { given: { path: '/generateDQRCAggregator', status: '500' }, want: 'server-error' },
    { given: { path: '/oauth2/token', status: '200' }, want: 'success' },
    { given: { path: '/oauth2/token', status: '401' }, want: 'invalid-client' },
  ])('$given.path $given.status has example "$want"', ({ given, want }) => {
    const content = spec.op(given.path).responses[given.status]?.content ?? {};
    const examples = Object.values(content).flatMap((m) => Object.keys(m.examples ?? {}));
    expect(examples).toContain(want);
  });
});

describe('1link-p2m-qr.yaml: components', () => {
  it('keeps the reusable component names the gateway spec refers to', () => {
    expect(Object.keys(spec.raw.components.schemas)).toEqual(
      expect.arrayContaining([
        'MerchantRequest',
        'AggregatorRequest',
        'MerchantDetails',
        'PostalAddress',
        'ContactDetails',
        'GeoLocation',
        'PayerDetails',
        'IdentificationDetails',
        'PaymentDetails',
        'AggregatorPaymentDetails',
        'TransactionInfo',
        'QrResponse',
        'ResponseCodeError',
        'GatewayError',
        'TokenRequest',
        'TokenResponse',
        'OAuthError',
      ]),
    );
  });
});
