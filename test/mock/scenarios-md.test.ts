import { readFileSync } from 'node:fs';
import type { ScenarioInfo } from '@onelink-kit/mock';
import { buildAll, curlExample, defaultLayout, preferHeader } from '@onelink-kit/mock';
import { describe, expect, it } from 'vitest';

// mock/SCENARIOS.md is committed documentation generated from the fixtures: keep it in sync.
const layout = defaultLayout();
const result = buildAll(layout, { check: true });

describe('mock/SCENARIOS.md', () => {
  it('is what pnpm mock:build renders from the current fixtures (run pnpm mock:build if this fails)', () => {
    expect(result.drift.problems).toEqual([]);
    expect(readFileSync(layout.scenariosFile, 'utf8')).toBe(result.scenariosMd);
  });

  it('lists every fixture with the exact Prefer header that selects it', () => {
    const scenarios = result.built.flatMap((b) => b.scenarios);
    expect(scenarios.length).toBeGreaterThan(0);
    for (const s of scenarios) {
      expect(result.scenariosMd).toContain(
        `| ${s.operationId} | \`${s.method} ${s.path}\` | ${s.scenario} | ${s.status} | \`Prefer: ${preferHeader(s.status, s.scenario)}\``,
      );
    }
  });
});

const scenario = (over: Partial<ScenarioInfo>): ScenarioInfo => ({
  operationId: 'op',
  scenario: 'success',
  status: 200,
  method: 'POST',
  path: '/op',
  requestTarget: '/op',
  source: 'synthetic',
  notes: '',
  file: 'mock/fixtures/op/success.json',
  requestHeaders: {},
  requestMediaType: undefined,
  hasRequestBody: false,
  ...over,
});

describe('curlExample (the example command in mock/SCENARIOS.md)', () => {
  it.each([
    {
      name: 'GET with a query string and no body: the recorded target, no body argument',
      given: scenario({
        method: 'GET',
        path: '/v1/code',
        requestTarget: '/v1/code?state=a%20b&lang=EN',
        requestHeaders: { accept: 'application/json', 'x-sig': "it's" },
      }),
      want: [
        "curl -s -i -X GET 'http://127.0.0.1:4011/v1/code?state=a%20b&lang=EN' \\",
        "  -H 'Prefer: code=200, example=success' \\",
        "  -H 'accept: application/json' \\",
        "  -H 'x-sig: it'\\''s'",
      ].join('\n'),
    },
    {
      name: 'JSON body: sent compact from the fixture with jq; content-length and prefer headers left out',
      given: scenario({
        status: 409,
        scenario: 'duplicate-rrn',
        requestHeaders: { 'content-type': 'application/json', 'content-length': '12', prefer: 'x' },
        requestMediaType: 'application/json',
        hasRequestBody: true,
        file: 'mock/fixtures/op/duplicate-rrn.json',
      }),
      want: [
        "curl -s -i -X POST 'http://127.0.0.1:4011/op' \\",
        "  -H 'Prefer: code=409, example=duplicate-rrn' \\",
        "  -H 'content-type: application/json' \\",
        '  --data "$(jq -c .request.body mock/fixtures/op/duplicate-rrn.json)"',
      ].join('\n'),
    },
    {
      name: 'form body: url-encoded from the fixture with jq',
      given: scenario({
        requestHeaders: { 'content-type': 'application/x-www-form-urlencoded' },
        requestMediaType: 'application/x-www-form-urlencoded',
        hasRequestBody: true,
      }),
      want: [
        "curl -s -i -X POST 'http://127.0.0.1:4011/op' \\",
        "  -H 'Prefer: code=200, example=success' \\",
        "  -H 'content-type: application/x-www-form-urlencoded' \\",
        `  --data "$(jq -r '.request.body | to_entries | map("\\(.key)=\\(.value | @uri)") | join("&")' mock/fixtures/op/success.json)"`,
      ].join('\n'),
    },
  ])('$name', ({ given, want }) => {
    expect(curlExample(given, 'http://127.0.0.1:4011')).toBe(want);
  });

  it('every example in SCENARIOS.md asks for exactly what a fixture recorded (path and query)', () => {
    const targets = new Set(
      result.built.flatMap((b) => b.scenarios.map((s) => `${s.method} ${s.requestTarget}`)),
    );
    const commands = [
      ...result.scenariosMd.matchAll(/^curl -s -i -X (\S+) '?http:\/\/127\.0\.0\.1:\d+([^' ]*)/gm),
    ];
    expect(commands.length).toBe(result.built.length);
    for (const [line, method, target] of commands)
      expect(targets.has(`${method} ${target}`), line).toBe(true);
    expect(result.scenariosMd).not.toContain('undefined');
  });
});
