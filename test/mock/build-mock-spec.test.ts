import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { FixtureFile } from '@onelink-kit/mock';
import { buildMockSpec, buildMocks, loadSpec, scenarioOrder } from '@onelink-kit/mock';
import { afterAll, describe, expect, it } from 'vitest';
import { MINI_SPEC, makeTempLayout, miniFixture } from '../support/temp-layout.js';

// biome-ignore lint/suspicious/noExplicitAny: assertions dig through an untyped OpenAPI document
type Json = Record<string, any>;

const layout = makeTempLayout({ specs: { 'mini.yaml': MINI_SPEC } });
afterAll(() => layout.cleanup());
const spec = loadSpec(path.join(layout.specDir, 'mini.yaml'), layout.repoRoot);

function ff(operationId: string, scenario: string, fixture = miniFixture({})): FixtureFile {
  return { operationId, scenario, file: `/x/${operationId}/${scenario}.json`, fixture };
}
const build = (fixtures: FixtureFile[]) =>
  buildMockSpec(spec, fixtures, { outDir: layout.outDir, serverUrl: 'http://127.0.0.1:4999' }) as Json;

describe('scenarioOrder', () => {
  it.each([
    { given: ['b', 'success', 'a'], want: ['success', 'a', 'b'] },
    { given: ['invalid-amount', 'validation-error'], want: ['validation-error', 'invalid-amount'] },
    { given: ['zeta', 'unauthorized', 'alpha'], want: ['unauthorized', 'alpha', 'zeta'] },
  ])('sorts $given as $want', ({ given, want }) => {
    expect([...given].sort(scenarioOrder)).toEqual(want);
  });
});

describe('buildMockSpec', () => {
  it('puts success first among the 2xx examples so it is Prism default, whatever the input order', () => {
    const doc = build([
      ff('miniCreateOrder', 'zeta', miniFixture({ response: { body: { code: 'Z' } } })),
      ff('miniCreateOrder', 'success', miniFixture({ response: { body: { code: '00' } } })),
    ]);
    const examples = doc.paths['/orders'].post.responses['200'].content['application/json'].examples;
    expect(Object.keys(examples)).toEqual(['success', 'zeta']);
    expect(examples.success.value).toEqual({ code: '00' });
    expect(examples.success.summary).toBe('success (synthetic)');
  });

  it('keeps the spec example after the fixture ones instead of dropping it', () => {
    const doc = build([
      ff(
        'miniToken',
        'success',
        miniFixture({
          request: {
            path: '/token',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: {},
          },
          response: { body: { access_token: '<ACCESS_TOKEN>' } },
        }),
      ),
    ]);
    const media = doc.paths['/token'].post.responses['200'].content['application/json'];
    expect(Object.keys(media.examples)).toEqual(['success', 'spec-example']);
    expect(media.example).toBeUndefined();
  });

  it('replaces every servers entry with the single mock origin (Prism routes on the spec path only)', () => {
    const doc = build([]);
    expect(doc.servers).toEqual([expect.objectContaining({ url: 'http://127.0.0.1:4999' })]);
    expect(doc.paths['/token'].servers).toBeUndefined();
    expect(doc['x-onelink-mock-of']).toEqual({ specFile: 'spec/mini.yaml', specSha256: spec.sha256 });
  });

  it('inlines a shared $ref response, so one operation example does not leak into another', () => {
    const doc = build([
      ff('miniCreateOrder', 'bad', miniFixture({ response: { status: 400, body: { code: '12' } } })),
    ]);
    expect(doc.paths['/orders'].post.responses['400'].content['application/json'].examples.bad.value).toEqual(
      {
        code: '12',
      },
    );
    expect(doc.paths['/orders/{orderId}'].get.responses['400']).toEqual({
      $ref: '#/components/responses/BadRequest',
    });
    expect(doc.components.responses.BadRequest.content['application/json'].examples).toBeUndefined();
  });

  it('adds the request body as a request example of the same name', () => {
    const doc = build([ff('miniCreateOrder', 'success')]);
    expect(doc.paths['/orders'].post.requestBody.content['application/json'].examples.success.value).toEqual({
      ref: '000000000001',
      amount: 5,
    });
  });

  it.each([
    {
      given: ff('miniCreateOrder', 'teapot', miniFixture({ response: { status: 418 } })),
      want: /teapot\.json: status 418 is not declared for miniCreateOrder/,
    },
    {
      given: ff('noSuchOperation', 'success'),
      want: /noSuchOperation\/success\.json: operation "noSuchOperation"/,
    },
    {
      given: ff(
        'miniCreateOrder',
        'xml',
        miniFixture({ response: { headers: { 'content-type': 'application/xml' } } }),
      ),
      want: /xml\.json: response content type "application\/xml" is not declared/,
    },
  ])('fails naming the fixture: $want', ({ given, want }) => {
    expect(() => build([given])).toThrow(want);
  });

  it('rewrites relative cross-file $refs so they resolve from the output directory', () => {
    const other = { ...spec, document: structuredClone(spec.document) } as typeof spec;
    (other.document.components as Json).schemas.Linked = { $ref: './shared.yaml#/components/schemas/X' };
    const doc = buildMockSpec(other, [], {
      outDir: path.join(layout.repoRoot, 'mock', 'dist'),
      serverUrl: 'http://127.0.0.1:1',
    }) as Json;
    expect(doc.components.schemas.Linked.$ref).toBe('../../spec/shared.yaml#/components/schemas/X');
  });
});

describe('buildMocks', () => {
  it('refuses two mocked specs with the same port offset, naming both', () => {
    const text = readFileSync(MINI_SPEC, 'utf8');
    const twins = makeTempLayout({
      specs: { 'a.yaml': text, 'b.yaml': text.replace('mini mock test spec', 'twin') },
    });
    try {
      expect(() => buildMocks(twins)).toThrow(
        'spec/b.yaml and spec/a.yaml both have x-onelink-mock-port-offset: 0; each mocked spec needs its own port',
      );
    } finally {
      twins.cleanup();
    }
  });

  it('mocks only specs that opt in, and names a fixture whose operation no spec defines', () => {
    const text = readFileSync(MINI_SPEC, 'utf8');
    const l = makeTempLayout({
      specs: {
        'mini.yaml': text,
        'plain.yaml': text.replace('x-onelink-mock-port-offset: 0\n', '').replace(/mini/g, 'plain'),
      },
      fixtures: [{ operationId: 'nobodyHasThis', scenario: 'success', fixture: miniFixture({}) }],
    });
    try {
      expect(() => buildMocks(l)).toThrow(
        /fixtures for operations no spec defines:\n {2}- mock\/fixtures\/nobodyHasThis\/success\.json/,
      );
      rmSync(path.join(l.fixturesDir, 'nobodyHasThis'), { recursive: true });
      expect(buildMocks(l).map((b) => b.spec.specFile)).toEqual(['spec/mini.yaml']);
    } finally {
      l.cleanup();
    }
  });
});
