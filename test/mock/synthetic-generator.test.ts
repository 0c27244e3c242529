import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  buildSyntheticFixtures,
  defaultLayout,
  fixturePath,
  runMockFixtures,
  SYNTHETIC_BUILDERS,
  serializeFixture,
  writeSyntheticFixtures,
} from '@onelink-kit/mock';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempLayout, type TempLayout } from '../support/temp-layout.js';

// pnpm mock:fixtures in-process, on a throwaway copy of spec/ (the checkout's fixtures are never touched).
const repo = defaultLayout();
const specs = Object.fromEntries(
  SYNTHETIC_BUILDERS.map((b) => [b.specFile, path.join(repo.specDir, b.specFile)]),
);
let layout: TempLayout | undefined;
afterEach(() => layout?.cleanup());

describe('the synthetic-fixture generator', () => {
  it('builds every API: 1LINK QR, SNAP and Link Based Payments, each fixture once', () => {
    const built = buildSyntheticFixtures(repo);
    const specFiles = new Set(built.map((f) => f.fixture.provenance.specFile));
    expect([...specFiles].sort()).toEqual(SYNTHETIC_BUILDERS.map((b) => `spec/${b.specFile}`).sort());
    const keys = built.map((f) => `${f.operationId}/${f.scenario}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('--check writes nothing and reports every missing fixture as stale', () => {
    layout = makeTempLayout({ specs });
    const outcomes = writeSyntheticFixtures(layout, { check: true });
    expect(outcomes.length).toBeGreaterThan(0);
    expect(outcomes.filter((o) => o.status !== 'stale')).toEqual([]);
    expect(() => readFileSync(path.join(layout!.repoRoot, outcomes[0]!.file))).toThrow(/ENOENT/);
  });

  it('writes what it builds, then finds nothing to do on a second run', () => {
    layout = makeTempLayout({ specs });
    const first = writeSyntheticFixtures(layout);
    expect(first.filter((o) => o.status !== 'written')).toEqual([]);
    for (const f of buildSyntheticFixtures(layout)) {
      const file = fixturePath(layout.fixturesDir, f.operationId, f.scenario);
      expect(readFileSync(file, 'utf8'), file).toBe(serializeFixture(f.fixture));
    }
    const second = writeSyntheticFixtures(layout, { check: true });
    expect(second.filter((o) => o.status !== 'unchanged')).toEqual([]);
  });

  it('pnpm mock:fixtures --check exits 1 naming what is stale; after a write it exits 0', () => {
    layout = makeTempLayout({ specs });
    const out: string[] = [];
    const io = { out: (l: string) => out.push(l), err: (l: string) => out.push(l) };
    expect(runMockFixtures(['--check'], io, layout)).toBe(1);
    expect(out).toContain('stale  mock/fixtures/requestToken/success.json');
    expect(runMockFixtures([], io, layout)).toBe(0);
    out.length = 0;
    expect(runMockFixtures(['--check'], io, layout)).toBe(0);
    expect(out.at(-1)).toMatch(/^all \d+ synthetic fixtures are up to date$/);
  });

  it('never overwrites a fixture recorded from the sandbox', () => {
    const [first] = buildSyntheticFixtures(repo);
    const recorded = {
      ...first!.fixture,
      provenance: { ...first!.fixture.provenance, source: 'sandbox' as const, notes: 'recorded' },
    };
    layout = makeTempLayout({
      specs,
      fixtures: [{ operationId: first!.operationId, scenario: first!.scenario, fixture: recorded }],
    });
    const outcomes = writeSyntheticFixtures(layout);
    const file = fixturePath(layout.fixturesDir, first!.operationId, first!.scenario);
    expect(outcomes.find((o) => path.join(layout!.repoRoot, o.file) === file)?.status).toBe('kept');
    expect(readFileSync(file, 'utf8')).toBe(serializeFixture(recorded));
  });
});
