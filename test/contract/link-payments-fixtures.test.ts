import { document } from '@onelink-kit/generated/link-payments';
import { defaultLayout, indexFixtures, OpenApiValidator, TEST_LINK_HASH_KEY } from '@onelink-kit/mock';
import { verifyLink } from '@onelink-kit/signing';
import { describe, expect, it } from 'vitest';

// Link Based Payments fixtures: they validate against spec/link-payments.yaml, the signatures of create,
// resend and cancel verify (except those recorded to show a mismatch), and together they cover every
// OTS code of the spec's table with the table's HTTP status.
// Signed by mock/src/synthetic/link-payments.ts with its test-only hash key over the password placeholder in the body.
const KEY = TEST_LINK_HASH_KEY;
const SIGNED_OPS = new Set(['createPaymentLink', 'resendPaymentLink', 'cancelPaymentLink']);
const OPS = [
  'getTemplate',
  'getTemplateDetails',
  'createPaymentLink',
  'resendPaymentLink',
  'cancelPaymentLink',
];

const index = indexFixtures(defaultLayout());
const validator = new OpenApiValidator(index.specs);
const fixtures = index.fixtures.filter(
  (f) => index.operations.get(f)?.spec.specFile === 'spec/link-payments.yaml',
);
const table = document['x-onelink-response-codes'] as Record<string, { httpStatus: number }>;
type Body = Record<string, string>;

function signatureInput(operationId: string, body: Body) {
  return operationId === 'createPaymentLink'
    ? {
        mid: body.merchantId!,
        password: body.password!,
        amount: body.amount!,
        merchantTxnId: body.merchantTxnId!,
      }
    : { mid: body.merchantId!, password: body.password!, invoiceNo: body.invoiceNo! };
}

describe('link-payments fixtures', () => {
  it('exist for all five operations, each with a success scenario', () => {
    for (const op of OPS)
      expect(fixtures.filter((f) => f.operationId === op).map((f) => f.scenario)).toContain('success');
  });

  it.each(fixtures.map((f) => ({ name: `${f.operationId}/${f.scenario}`, f })))(
    '$name validates against the spec',
    ({ f }) => {
      const issues = validator.validateFixture(index.operations.get(f)!, f.fixture);
      expect(issues.map((i) => `${i.location}: ${i.message}`)).toEqual([]);
    },
  );

  const signed = fixtures.filter((f) => SIGNED_OPS.has(f.operationId));
  it.each(signed.map((f) => ({ name: `${f.operationId}/${f.scenario}`, f })))(
    '$name: signature verifies with LINK_HASH_KEY (unless recorded as a mismatch)',
    ({ f }) => {
      const body = f.fixture.request.body as Body;
      const ok = verifyLink(KEY, signatureInput(f.operationId, body), body.signature!);
      expect(ok).toBe(f.scenario !== 'signature-mismatch');
    },
  );

  it('the mismatched fixtures are the classic mistake: keyed with the password, not LINK_HASH_KEY', () => {
    const mismatched = signed.filter((f) => f.scenario === 'signature-mismatch');
    expect(mismatched.map((f) => f.operationId).sort()).toEqual([...SIGNED_OPS].sort());
    for (const f of mismatched) {
      const body = f.fixture.request.body as Body;
      expect(verifyLink(body.password!, signatureInput(f.operationId, body), body.signature!)).toBe(true);
    }
  });

  it('a tampered copy of a good fixture is detected (amount, txn id, invoice, password)', () => {
    const create = fixtures.find((f) => f.operationId === 'createPaymentLink' && f.scenario === 'success')!;
    const body = create.fixture.request.body as Body;
    const input = signatureInput('createPaymentLink', body) as { amount: string };
    for (const t of [
      { amount: '1500.01' },
      { amount: '1500' },
      { merchantTxnId: 'TXN-20261122-0002' },
      { password: 'x' },
    ]) {
      expect(verifyLink(KEY, { ...input, ...t } as never, body.signature!)).toBe(false);
    }
    const cancel = fixtures.find((f) => f.operationId === 'cancelPaymentLink' && f.scenario === 'success')!;
    const cb = cancel.fixture.request.body as Body;
    expect(
      verifyLink(
        KEY,
        { ...signatureInput('cancelPaymentLink', cb), invoiceNo: 'INV-0000043' },
        cb.signature!,
      ),
    ).toBe(false);
  });

  it('cover every OTS code in the table, each with the table HTTP status', () => {
    const seen = new Map<string, Set<number>>();
    for (const f of fixtures) {
      const code = (f.fixture.response.body as Body).statusCode!;
      seen.set(code, (seen.get(code) ?? new Set()).add(f.fixture.response.status));
    }
    expect([...seen.keys()].sort()).toEqual(Object.keys(table).sort());
    for (const [code, statuses] of seen)
      expect({ code, statuses: [...statuses] }).toEqual({ code, statuses: [table[code]!.httpStatus] });
  });

  it('hold no credential: the password placeholder only, not even the test key', () => {
    for (const f of fixtures) {
      expect((f.fixture.request.body as Body).password).toBe('<LINK_PASSWORD>');
      expect(JSON.stringify(f.fixture)).not.toContain(KEY);
    }
  });
});
