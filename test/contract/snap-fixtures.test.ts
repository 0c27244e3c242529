import { document } from '@onelink-kit/generated/snap-card-binding';
import {
  defaultLayout,
  headerValue,
  indexFixtures,
  OpenApiValidator,
  TEST_SNAP_CLIENT_SECRET,
} from '@onelink-kit/mock';
import { verifySnap } from '@onelink-kit/signing';
import { describe, expect, it } from 'vitest';

// SNAP card-binding fixtures: they validate against spec/snap-card-binding.yaml, their X-SIGNATURE
// verifies (except the one recorded to show a wrong signature), and together they cover every row of
// the spec's response-code table with the table's HTTP status.
// The fixtures were signed by mock/src/synthetic/snap.ts with its test-only secret; the access token is the
// placeholder in each fixture's Authorization header, used verbatim.
const SECRET = TEST_SNAP_CLIENT_SECRET;
const WRONGLY_SIGNED = new Set(['invalid-signature']);

const index = indexFixtures(defaultLayout());
const validator = new OpenApiValidator(index.specs);
const fixtures = index.fixtures.filter(
  (f) => index.operations.get(f)?.spec.specFile === 'spec/snap-card-binding.yaml',
);
const table = document['x-onelink-response-codes'] as Record<string, { httpStatus: number; kind: string }>;

function signatureInput(f: (typeof fixtures)[number]) {
  const h = f.fixture.request.headers;
  return {
    input: {
      method: f.fixture.request.method,
      urlPath: f.fixture.request.path,
      accessToken: (headerValue(h, 'authorization') ?? '').replace(/^Bearer /, ''),
      body: '',
      timestamp: headerValue(h, 'x-timestamp') ?? '',
    },
    signature: headerValue(h, 'x-signature') ?? '',
  };
}

describe('snap-card-binding fixtures', () => {
  it('exist for getOAuthCode, success included', () => {
    expect(fixtures.map((f) => f.scenario)).toContain('success');
    expect(new Set(fixtures.map((f) => f.operationId))).toEqual(new Set(['getOAuthCode']));
  });

  it.each(fixtures.map((f) => ({ name: f.scenario, f })))('$name validates against the spec', ({ f }) => {
    const issues = validator.validateFixture(index.operations.get(f)!, f.fixture);
    expect(issues.map((i) => `${i.location}: ${i.message}`)).toEqual([]);
  });

  it.each(fixtures.map((f) => ({ name: f.scenario, f })))(
    '$name: X-SIGNATURE verifies over path + query as recorded (unless recorded wrong on purpose)',
    ({ f }) => {
      const { input, signature } = signatureInput(f);
      expect(verifySnap(SECRET, input, signature)).toBe(!WRONGLY_SIGNED.has(f.scenario));
    },
  );

  it('the wrongly signed fixture is the classic mistake: signed over the path without the query', () => {
    const f = fixtures.find((x) => x.scenario === 'invalid-signature')!;
    const { input, signature } = signatureInput(f);
    expect(verifySnap(SECRET, { ...input, urlPath: input.urlPath.split('?')[0]! }, signature)).toBe(true);
  });

  it('a tampered copy of a good fixture is detected (query value, timestamp, token, secret)', () => {
    const f = fixtures.find((x) => x.scenario === 'success')!;
    const { input, signature } = signatureInput(f);
    const tampered = [
      { ...input, urlPath: input.urlPath.replace('merchantId=216620', 'merchantId=216621') },
      { ...input, timestamp: input.timestamp.replace(':00+', ':01+') },
      { ...input, accessToken: `${input.accessToken}x` },
    ];
    for (const t of tampered) expect(verifySnap(SECRET, t, signature)).toBe(false);
    expect(verifySnap('another-secret', input, signature)).toBe(false);
  });

  it('cover every response code in the table, each with the table HTTP status', () => {
    const seen = new Map<string, number>();
    for (const f of fixtures) {
      const code = (f.fixture.response.body as { responseCode: string }).responseCode;
      seen.set(code, f.fixture.response.status);
    }
    expect([...seen.keys()].sort()).toEqual(Object.keys(table).sort());
    for (const [code, status] of seen)
      expect({ code, status }).toEqual({ code, status: table[code]!.httpStatus });
  });

  it('hold no real credential: placeholders only', () => {
    for (const f of fixtures) {
      expect(headerValue(f.fixture.request.headers, 'authorization')).toMatch(/^Bearer <[A-Z_]+>$/);
      expect(JSON.stringify(f.fixture)).not.toContain(SECRET);
    }
  });
});
