import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { parseDocument } from 'yaml';
import { npmInstall, run, runOk } from './support/run.js';
import { WORKSPACE_ROOT } from './support/workspace.js';

// The codegen as a team uses it in its own repository: a git repo outside the workspace that installs
// the codegen tarball (and @onelink-kit/generated, the one package the generated client imports),
// generates from its copy of the spec, compiles its code over the result, then changes the spec.
const { scratch, tarballs, toolSpecs } = inject('consumers');
const FIXTURE = fileURLToPath(new URL('fixtures/team-repo', import.meta.url));
const SPEC = 'api/1link-p2m-qr.yaml';
const OUT = 'src/onelink';
const REMOVED = ['components', 'schemas', 'QrResponse', 'properties', 'expiryDateTime'];

let repo: string;
const codegen = (...args: string[]) =>
  run('npx', ['--no-install', 'onelink-codegen', ...args], { cwd: repo });
const git = (...args: string[]) =>
  runOk('git', ['-c', 'user.name=Team', '-c', 'user.email=team@example.com', ...args], { cwd: repo });

beforeAll(async () => {
  repo = mkdtempSync(path.join(scratch, 'team-repo-'));
  cpSync(FIXTURE, repo, { recursive: true });
  mkdirSync(path.join(repo, 'api'));
  cpSync(path.join(WORKSPACE_ROOT, 'spec/1link-p2m-qr.yaml'), path.join(repo, SPEC));
  await git('init', '-q');
  await npmInstall(repo, [
    tarballs['@onelink-kit/codegen']!,
    tarballs['@onelink-kit/generated']!,
    ...toolSpecs,
  ]);
  writeFileSync(path.join(repo, '.gitignore'), 'node_modules/\n');
});

describe('onelink-codegen in a team repository', () => {
  it('generates the typed client with hash headers, and the team code compiles over it', async () => {
    const gen = await codegen('gen', '--spec', 'api', '--out', OUT);
    expect(gen.code, gen.stderr).toBe(0);
    const client = readFileSync(path.join(repo, OUT, '1link-p2m-qr/client.ts'), 'utf8');
    expect(client).toMatch(/sha256 [0-9a-f]{64}/);
    // Only published packages: the runtime comes from @onelink-kit/generated, never a workspace path.
    const imports = [...client.matchAll(/from '([^']+)'/g)].map((m) => m[1]);
    expect(imports.filter((s) => !s?.startsWith('.'))).toEqual([
      '@onelink-kit/generated/runtime',
      '@onelink-kit/generated/runtime',
    ]);
    const tsc = await run('npx', ['--no-install', 'tsc', '-p', '.'], { cwd: repo });
    expect(tsc.code, tsc.stdout).toBe(0);
    expect((await codegen('gen', '--spec', 'api', '--out', OUT, '--check')).code).toBe(0);
    await git('add', '-A');
    await git('commit', '-q', '-m', 'generated client from 1LINK spec');
  });

  it('after a response field is removed from the spec: --check names the stale file, diff says BREAKING', async () => {
    const specFile = path.join(repo, SPEC);
    const doc = parseDocument(readFileSync(specFile, 'utf8'));
    expect(doc.hasIn(REMOVED)).toBe(true);
    doc.deleteIn(REMOVED);
    writeFileSync(specFile, String(doc));

    const check = await codegen('gen', '--spec', 'api', '--out', OUT, '--check');
    expect(check.code).toBe(1);
    expect(check.stdout + check.stderr).toContain(`${OUT}/1link-p2m-qr/types.ts`);

    const diff = await codegen('diff', '--base', 'HEAD', '--head', 'api', '--fail-on-breaking');
    expect(diff.code, diff.stderr).toBe(1);
    expect(diff.stdout).toMatch(/BREAKING/);
    expect(diff.stdout).toContain('expiryDateTime');
  });
});
