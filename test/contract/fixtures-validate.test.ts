import { defaultLayout, indexFixtures, OpenApiValidator } from '@onelink-kit/mock';
import { describe, expect, it } from 'vitest';

// Contract test 1: every fixture's request and response validate against the spec that defines its
// operation (Ajv 2020-12 compiled from the spec documents, every error reported).
const index = indexFixtures(defaultLayout());
const validator = new OpenApiValidator(index.specs);

describe('fixtures validate against their spec', () => {
  it('has fixtures, each for an operation some spec defines', () => {
    expect(index.fixtures.length).toBeGreaterThan(0);
    expect(index.orphans.map((o) => o.file)).toEqual([]);
  });

  it.each(index.fixtures.map((f) => ({ name: `${f.operationId}/${f.scenario}`, f })))('$name', ({ f }) => {
    const issues = validator.validateFixture(index.operations.get(f)!, f.fixture);
    expect(issues.map((i) => `${i.location}: ${i.message}`)).toEqual([]);
  });

  it('is a real check: a broken copy of a fixture is rejected with every reason', () => {
    const f = index.fixtures.find(
      (x) => x.operationId === 'generateDQRCMerchant' && x.scenario === 'success',
    )!;
    const broken = structuredClone(f.fixture);
    const body = broken.request.body as { info: { rrn: string; stan: string } };
    body.info.rrn = '12';
    body.info.stan = 'abcdefg';
    delete (broken.response.body as Record<string, unknown>).qrString;
    delete broken.request.headers.authorization;
    const issues = validator.validateFixture(index.operations.get(f)!, broken).map((i) => i.location);
    expect(issues).toEqual(
      expect.arrayContaining([
        'request.headers',
        'request.body.info.stan',
        'request.body.info.rrn',
        'response.body',
      ]),
    );
  });
});
