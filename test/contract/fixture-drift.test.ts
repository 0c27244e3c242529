import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkFixtureDrift, defaultLayout, loadFixtures, runMockBuild } from '@onelink-kit/mock';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';

// Contract test 5: after a spec edit, the drift checker (also `pnpm mock:check`) names every fixture
// that no longer validates, and why. The edit is made to a copy of the repository's spec in a temp dir.
const repo = defaultLayout();
const root = mkdtempSync(path.join(os.tmpdir(), 'onelink-drift-'));
const layout = defaultLayout(root);
cpSync(repo.specDir, layout.specDir, { recursive: true });
cpSync(repo.fixturesDir, layout.fixturesDir, { recursive: true });
cpSync(repo.scenariosFile, layout.scenariosFile);
afterAll(() => rmSync(root, { recursive: true, force: true }));

const before = checkFixtureDrift(layout);

// The edit: the merchant operation loses its 429 response, OAuth errors must carry error_uri, and the
// token scope is renamed. Three kinds of drift: an undeclared status, a response body, a request body.
const specFile = path.join(layout.specDir, '1link-p2m-qr.yaml');
const doc = parseDocument(readFileSync(specFile, 'utf8'));
doc.deleteIn(['paths', '/generateDQRCMerchant', 'post', 'responses', '429']);
doc.addIn(['components', 'schemas', 'OAuthError', 'required'], 'error_uri');
doc.setIn(['components', 'schemas', 'TokenRequest', 'properties', 'scope', 'enum'], ['1LinkApiV2']);
writeFileSync(specFile, doc.toString());
const after = checkFixtureDrift(layout);
const declared = Object.keys(
  (doc.getIn(['paths', '/generateDQRCMerchant', 'post', 'responses']) as { toJSON(): object }).toJSON(),
).join(', ');

// What the edit must break, worked out from the fixtures themselves (so re-recorded fixtures keep this honest).
const fixtures = loadFixtures(repo.fixturesDir);
const expected = new Map<string, string[]>();
const expect1 = (f: (typeof fixtures)[number], issue: string) => {
  const key = path.relative(repo.repoRoot, f.file).split(path.sep).join('/');
  expected.set(key, [...(expected.get(key) ?? []), issue]);
};
for (const f of fixtures) {
  if (f.operationId === 'requestToken') {
    expect1(f, 'request.body.scope: must be equal to one of the allowed values: ["1LinkApiV2"] (enum)');
    if (f.fixture.response.status === 400 || f.fixture.response.status === 401) {
      expect1(f, "response.body: must have required property 'error_uri' (required)");
    }
  }
  if (f.operationId === 'generateDQRCMerchant' && f.fixture.response.status === 429) {
    expect1(f, `response.status: 429 is not declared by the spec (declared: ${declared})`);
  }
}

describe('fixture drift after a spec edit', () => {
  it('starts clean: the unedited copy has no drift', () => {
    expect(before.problems).toEqual([]);
    expect(before.checked).toBe(fixtures.length);
  });

  it('names each fixture that no longer validates, with every reason, and no other', () => {
    expect(expected.size).toBeGreaterThanOrEqual(3);
    const got = new Map(
      after.problems.map((p) => [p.fixture, p.issues.map((i) => `${i.location}: ${i.message}`)]),
    );
    expect(Object.fromEntries(got)).toEqual(Object.fromEntries(expected));
  });

  it('pnpm mock:check fails with the same report', () => {
    // In-process: scripts/mock-build.ts only hands its argv and console to runMockBuild.
    const out: string[] = [];
    const status = runMockBuild(['--check', '--root', root], { out: (l) => out.push(l), err: () => {} });
    const res = { status, stdout: out.join('\n') };
    expect(res.status).toBe(1);
    expect(res.stdout).toContain(`${expected.size} of ${fixtures.length} fixtures no longer validate:`);
    for (const [fixture, issues] of expected) {
      expect(res.stdout).toContain(`${fixture} (`);
      for (const issue of issues) expect(res.stdout).toContain(`  - ${issue}`);
    }
  });
});
