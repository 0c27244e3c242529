import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Fixture, MockLayout } from '@onelink-kit/mock';
import { writeFixture } from '@onelink-kit/mock';

export interface TempLayout extends MockLayout {
  cleanup(): void;
}

/**
 * A throwaway repository-shaped directory (spec/, mock/fixtures/, mock/dist/) so tests can build and
 * serve mocks, or edit specs, without touching the checkout.
 */
export function makeTempLayout(input: {
  /** file name → YAML text, or an absolute path to copy */
  specs: Record<string, string>;
  fixtures?: { operationId: string; scenario: string; fixture: Fixture }[];
}): TempLayout {
  const root = mkdtempSync(path.join(os.tmpdir(), 'onelink-mock-test-'));
  const specDir = path.join(root, 'spec');
  const fixturesDir = path.join(root, 'mock', 'fixtures');
  mkdirSync(specDir, { recursive: true });
  mkdirSync(fixturesDir, { recursive: true });
  for (const [name, text] of Object.entries(input.specs)) {
    const content = path.isAbsolute(text) ? readFileSync(text, 'utf8') : text;
    writeFileSync(path.join(specDir, name), content);
  }
  for (const f of input.fixtures ?? []) writeFixture(fixturesDir, f.operationId, f.scenario, f.fixture);
  return {
    repoRoot: root,
    specDir,
    fixturesDir,
    outDir: path.join(root, 'mock', 'dist'),
    scenariosFile: path.join(root, 'mock', 'SCENARIOS.md'),
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}

export const MINI_SPEC = path.join(
  path.dirname(new URL(import.meta.url).pathname),
  '..',
  'mock',
  'data',
  'mini.yaml',
);

/** A fixture for the mini spec with sensible defaults; override what a case is about. */
export function miniFixture(over: {
  request?: Partial<Fixture['request']>;
  response?: Partial<Fixture['response']>;
  notes?: string;
}): Fixture {
  return {
    request: {
      method: 'POST',
      path: '/orders',
      headers: {
        'content-type': 'application/json',
        'x-client-id': '<CLIENT_ID>',
        authorization: 'Bearer <ACCESS_TOKEN>',
      },
      body: { ref: '000000000001', amount: 5 },
      ...over.request,
    },
    response: {
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: { code: '00' },
      ...over.response,
    },
    provenance: {
      source: 'synthetic',
      recordedAt: '2026-11-21T00:00:00.000Z',
      specFile: 'spec/mini.yaml',
      specSha256: 'test',
      tool: 'test',
      notes: over.notes ?? 'test fixture',
    },
  };
}
