// spec:diff over spec directories: external $refs resolved on each side, the report, a revision's spec/.
import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { diffSpecDirs, formatReport } from '../../src/diff/report.js';
import { specDirAtRev } from '../../src/diff/spec-at-rev.js';

describe('diffSpecDirs and formatReport', () => {
  const fixtures = fileURLToPath(new URL('../../../../generated/test/fixtures/specs/', import.meta.url));
  const dirs: string[] = [];
  afterEach(async () => {
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  async function copyFixtures(): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'onelink-spec-diff-'));
    dirs.push(dir);
    await cp(fixtures, dir, { recursive: true });
    return dir;
  }

  it('resolves external $refs on each side: a change in one spec shows in the spec that $refs it', async () => {
    const base = await copyFixtures();
    const head = await copyFixtures();
    const file = join(head, 'mini-qr.yaml');
    await writeFile(file, (await readFile(file, 'utf8')).replace('maxLength: 35', 'maxLength: 20'));

    const diffs = await diffSpecDirs(base, head);
    const summary = diffs.map((d) => [d.spec, d.changes.map((c) => `${c.severity} ${c.rule} ${c.location}`)]);
    expect(summary).toEqual([
      [
        'spec/mini-gateway.yaml',
        ['breaking request-maxLength-tightened POST /qr request body (application/json) merchantId'],
      ],
      [
        'spec/mini-qr.yaml',
        ['breaking request-maxLength-tightened POST /generateQr request body (application/json) merchantId'],
      ],
    ]);
    const report = formatReport(diffs, 'HEAD');
    expect(report).toContain('spec/mini-qr.yaml: 1 breaking, 0 non-breaking since HEAD');
    expect(report).toContain(
      '  BREAKING      POST /generateQr request body (application/json) merchantId: maxLength tightened 35 → 20',
    );
    expect(report.split('\n').at(-1)).toBe('spec:diff: 2 breaking, 0 non-breaking change(s) since HEAD');
  });

  it('limits the diff to the named spec files', async () => {
    const base = await copyFixtures();
    const head = await copyFixtures();
    await rm(join(head, 'mini-gateway.yaml'));
    expect((await diffSpecDirs(base, head, ['mini-qr.yaml'])).map((d) => d.spec)).toEqual([
      'spec/mini-qr.yaml',
    ]);
    expect(
      (await diffSpecDirs(base, head)).find((d) => d.spec === 'spec/mini-gateway.yaml')?.changes[0]?.rule,
    ).toBe('spec-removed');
  });

  it('specDirAtRev materialises spec/ as committed at a revision', async () => {
    const repo = await mkdtemp(join(tmpdir(), 'onelink-spec-repo-'));
    dirs.push(repo);
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.invalid', ...args], {
        cwd: repo,
        encoding: 'utf8',
      });
    git('init', '-q');
    await cp(fixtures, join(repo, 'spec'), { recursive: true });
    git('add', 'spec');
    git('commit', '-q', '-m', 'base');
    const file = join(repo, 'spec', 'mini-qr.yaml');
    await writeFile(file, (await readFile(file, 'utf8')).replace('maxLength: 35', 'maxLength: 20'));

    const baseDir = await specDirAtRev(repo, 'HEAD');
    dirs.push(baseDir);
    const diffs = await diffSpecDirs(baseDir, join(repo, 'spec'), ['mini-qr.yaml']);
    expect(diffs[0]?.changes.map((c) => c.message)).toEqual(['maxLength tightened 35 → 20']);
    await expect(specDirAtRev(repo, 'no-such-rev')).rejects.toThrow('--base no-such-rev: not a git revision');
  });
});
