import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export type FixtureSource = 'synthetic' | 'sandbox';

export interface FixtureRequest {
  method: string;
  /** Path relative to the operation's server, as written in the spec (e.g. `/generateDQRCMerchant`). */
  path: string;
  headers: Record<string, string>;
  /** JSON body; for `application/x-www-form-urlencoded` the decoded fields as an object. */
  body?: unknown;
}

export interface FixtureResponse {
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

export interface FixtureProvenance {
  source: FixtureSource;
  recordedAt: string;
  specFile: string;
  specSha256: string;
  tool: string;
  notes: string;
}

export interface Fixture {
  request: FixtureRequest;
  response: FixtureResponse;
  provenance: FixtureProvenance;
}

export interface FixtureFile {
  operationId: string;
  scenario: string;
  /** Absolute file path. */
  file: string;
  fixture: Fixture;
}

/** Scenario names are file names and Prism example keys, so keep them to a safe alphabet. */
export const SCENARIO_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function fixturePath(fixturesDir: string, operationId: string, scenario: string): string {
  return path.join(fixturesDir, operationId, `${scenario}.json`);
}

/** Loads `<fixturesDir>/<operationId>/<scenario>.json`, sorted; a malformed file is an error naming it. */
export function loadFixtures(fixturesDir: string): FixtureFile[] {
  if (!existsSync(fixturesDir)) return [];
  const out: FixtureFile[] = [];
  for (const opDir of readdirSync(fixturesDir, { withFileTypes: true })) {
    if (!opDir.isDirectory()) continue;
    for (const f of readdirSync(path.join(fixturesDir, opDir.name)).sort()) {
      if (!f.endsWith('.json')) continue;
      const file = path.join(fixturesDir, opDir.name, f);
      const scenario = f.slice(0, -'.json'.length);
      if (!SCENARIO_NAME.test(scenario)) {
        throw new Error(`${file}: scenario name "${scenario}" must match ${SCENARIO_NAME}`);
      }
      let fixture: Fixture;
      try {
        fixture = JSON.parse(readFileSync(file, 'utf8')) as Fixture;
      } catch (err) {
        throw new Error(`${file}: not valid JSON (${(err as Error).message})`);
      }
      assertFixtureShape(file, fixture);
      out.push({ operationId: opDir.name, scenario, file, fixture });
    }
  }
  return out.sort(
    (a, b) => a.operationId.localeCompare(b.operationId) || a.scenario.localeCompare(b.scenario),
  );
}

function assertFixtureShape(file: string, f: Fixture): void {
  const problems: string[] = [];
  if (typeof f !== 'object' || f === null) problems.push('top level must be an object');
  else {
    if (typeof f.request?.method !== 'string') problems.push('request.method must be a string');
    if (typeof f.request?.path !== 'string') problems.push('request.path must be a string');
    if (typeof f.request?.headers !== 'object') problems.push('request.headers must be an object');
    if (!Number.isInteger(f.response?.status)) problems.push('response.status must be an integer');
    if (typeof f.response?.headers !== 'object') problems.push('response.headers must be an object');
    const p = f.provenance;
    if (p?.source !== 'synthetic' && p?.source !== 'sandbox') {
      problems.push('provenance.source must be "synthetic" or "sandbox"');
    }
    for (const k of ['recordedAt', 'specFile', 'specSha256', 'tool', 'notes'] as const) {
      if (typeof p?.[k] !== 'string') problems.push(`provenance.${k} must be a string`);
    }
  }
  if (problems.length > 0) throw new Error(`${file}: not a fixture: ${problems.join('; ')}`);
}

/** Stable serialisation: 2-space JSON with a trailing newline, so re-recording gives small diffs. */
export function serializeFixture(fixture: Fixture): string {
  return `${JSON.stringify(fixture, null, 2)}\n`;
}

export function writeFixture(
  fixturesDir: string,
  operationId: string,
  scenario: string,
  fixture: Fixture,
): string {
  const file = fixturePath(fixturesDir, operationId, scenario);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, serializeFixture(fixture));
  return file;
}

/** Header lookup ignoring case, as HTTP does. */
export function headerValue(headers: Record<string, string>, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === lower) return v;
  return undefined;
}

/** Media type without parameters, lower-cased (`application/json; charset=utf-8` → `application/json`). */
export function mediaTypeOf(headers: Record<string, string>): string | undefined {
  return headerValue(headers, 'content-type')?.split(';')[0]?.trim().toLowerCase();
}
