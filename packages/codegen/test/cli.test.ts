// The onelink-codegen CLI, driven in-process through main(argv, io): usage and argument errors (exit 2),
// gen and gen --check against a temp folder, diff between two files or against a git revision, rules.
// One test spawns the bin through tsx to prove the file runs as a program.
import { execFileSync, spawnSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { captureIo } from '@onelink-kit/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../src/cli.js';
import { RULES } from '../src/diff/rules.js';

const fixtures = fileURLToPath(new URL('../../../generated/test/fixtures/specs/', import.meta.url));
const p2mSpec = fileURLToPath(new URL('../../../spec/1link-p2m-qr.yaml', import.meta.url));
// The workspace's program for it (`pnpm gen`); bin/onelink-codegen.js is the installed one (consumer tests).
const cliPath = fileURLToPath(new URL('../../../scripts/codegen.ts', import.meta.url));
const tsx = fileURLToPath(new URL('../../../node_modules/tsx/dist/cli.mjs', import.meta.url));

let work: string;

beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'onelink-codegen-cli-'));
  await cp(fixtures, join(work, 'spec'), { recursive: true });
});

afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const printed = captureIo(work);
  const code = await main(argv, printed.io);
  return { code, stdout: printed.out.join('\n'), stderr: printed.err.join('\n') };
}

async function edit(path: string, from: string, to: string): Promise<void> {
  const text = await readFile(path, 'utf8');
  if (!text.includes(from)) throw new Error(`test setup: ${from} not found in ${path}`);
  await writeFile(path, text.replace(from, to));
}

describe('usage and bad arguments', () => {
  it.each([
    { given: ['--help'], want: { code: 0, stdout: 'usage: onelink-codegen <command>', stderr: '' } },
    { given: ['help'], want: { code: 0, stdout: 'usage: onelink-codegen <command>', stderr: '' } },
    { given: [], want: { code: 2, stdout: '', stderr: 'usage: onelink-codegen <command>' } },
    {
      given: ['generate'],
      want: {
        code: 2,
        stdout: '',
        stderr: 'onelink-codegen: unknown command generate\nusage: onelink-codegen',
      },
    },
    { given: ['gen', '--help'], want: { code: 0, stdout: 'usage: onelink-codegen gen --spec', stderr: '' } },
    { given: ['gen', '-h'], want: { code: 0, stdout: 'usage: onelink-codegen gen --spec', stderr: '' } },
    {
      given: ['gen', '--bogus'],
      want: { code: 2, stdout: '', stderr: 'gen: unknown option --bogus\nusage: onelink-codegen gen' },
    },
    {
      given: ['gen', '--out', 'out'],
      want: { code: 2, stdout: '', stderr: 'gen: --spec is required\nusage: onelink-codegen gen' },
    },
    {
      given: ['gen', '--spec', 'spec'],
      want: { code: 2, stdout: '', stderr: 'gen: --out is required\nusage: onelink-codegen gen' },
    },
    {
      given: ['gen', '--spec', '--out', 'out'],
      want: { code: 2, stdout: '', stderr: 'gen: --spec needs a value' },
    },
    {
      given: ['gen', '--spec', 'nope', '--out', 'out'],
      want: { code: 2, stdout: '', stderr: 'gen: --spec ' },
    },
    {
      given: ['gen', '--spec', 'spec', '--out', 'out', 'extra'],
      want: { code: 2, stdout: '', stderr: 'gen: unexpected argument extra' },
    },
    { given: ['diff', '--help'], want: { code: 0, stdout: 'usage: onelink-codegen diff', stderr: '' } },
    {
      given: ['diff', '--bogus'],
      want: { code: 2, stdout: '', stderr: 'diff: unknown option --bogus\nusage: onelink-codegen diff' },
    },
    {
      given: ['diff', 'notes.md'],
      want: {
        code: 2,
        stdout: '',
        stderr: 'diff: notes.md: expected a spec file name ending in .yaml or .yml',
      },
    },
    {
      given: ['diff', '--head', 'missing'],
      want: { code: 2, stdout: '', stderr: 'diff: --head missing: no such file or folder' },
    },
    {
      given: ['diff', '--head', 'spec/mini-qr.yaml', 'mini-qr.yaml'],
      want: { code: 2, stdout: '', stderr: 'diff: <spec file> arguments pick specs of a folder' },
    },
    { given: ['rules', '--help'], want: { code: 0, stdout: 'usage: onelink-codegen rules', stderr: '' } },
    { given: ['rules', 'x'], want: { code: 2, stdout: '', stderr: 'rules: unexpected argument x' } },
  ])('$given → exit $want.code', async ({ given, want }) => {
    const got = await run(...given);
    expect(got.code).toBe(want.code);
    if (want.stdout) expect(got.stdout).toContain(want.stdout);
    else expect(got.stdout).toBe('');
    if (want.stderr) expect(got.stderr).toContain(want.stderr);
    else expect(got.stderr).toBe('');
  });
});

describe('gen', () => {
  it('writes every spec of a folder, then --check is clean', async () => {
    const wrote = await run('gen', '--spec', 'spec', '--out', 'out');
    expect(wrote.code).toBe(0);
    expect(wrote.stdout).toContain('gen: 9 written, 0 removed, 0 unchanged');
    const header = (await readFile(join(work, 'out/mini-qr/types.ts'), 'utf8')).split('\n')[0];
    expect(header).toMatch(/^\/\/ Generated by \S+ from spec\/mini-qr\.yaml \(sha256 [0-9a-f]{64}\)/);
    expect(await run('gen', '--spec', 'spec', '--out', 'out', '--check')).toEqual({
      code: 0,
      stdout: 'gen --check: out is up to date with spec',
      stderr: '',
    });
  });

  it('--check exits 1 naming each stale file and the spec that made it stale', async () => {
    await run('gen', '--spec', 'spec', '--out', 'out');
    await edit(join(work, 'spec/mini-gateway.yaml'), 'operationId: health', 'operationId: healthz');
    const got = await run('gen', '--spec', 'spec', '--out', 'out', '--check');
    expect(got.code).toBe(1);
    const stale = got.stderr.split('\n').filter((line) => line.includes(' is stale: '));
    expect(stale.length).toBeGreaterThan(0);
    for (const line of stale) {
      expect(line).toMatch(/mini-gateway\/\w+\.ts is stale: spec\/mini-gateway\.yaml changed; run pnpm gen$/);
    }
    expect(got.stderr.split('\n').at(-1)).toBe(
      `gen --check: ${stale.length} generated file(s) out of date with spec`,
    );
  });

  it('--spec <file> generates that spec alone', async () => {
    const got = await run('gen', '--spec', 'spec/mini-qr.yaml', '--out', 'out');
    expect(got.code).toBe(0);
    expect(got.stdout).toContain('gen: 5 written');
    expect(got.stdout).not.toContain('mini-gateway');
  });

  it('a spec that cannot be generated exits 1 naming it', async () => {
    await writeFile(join(work, 'spec/broken.yaml'), 'openapi: 3.1.0\ninfo: [unclosed\n');
    const got = await run('gen', '--spec', 'spec', '--out', 'out');
    expect(got.code).toBe(1);
    expect(got.stderr).toContain('error: spec/broken.yaml: ');
    expect(got.stderr).toContain('gen: 1 spec(s) could not be generated; their output was left as it was');
  });
});

describe('diff', () => {
  it('--base <file> --head <file> reports a removed response field as BREAKING with its rule', async () => {
    await cp(join(work, 'spec/mini-qr.yaml'), join(work, 'base.yaml'));
    await edit(join(work, 'spec/mini-qr.yaml'), 'maxLength: 35', 'maxLength: 20');
    const got = await run('diff', '--base', 'base.yaml', '--head', 'spec/mini-qr.yaml', '--fail-on-breaking');
    expect(got.code).toBe(1);
    expect(got.stdout).toContain('spec/mini-qr.yaml: 1 breaking, 0 non-breaking since base.yaml');
    expect(got.stdout).toContain('merchantId: maxLength tightened 35 → 20 [request-maxLength-tightened]');
  });

  it('--base <rev> compares the head folder with the same folder at that revision; --json', async () => {
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.invalid', ...args], {
        cwd: work,
      });
    git('init', '-q');
    git('add', 'spec');
    git('commit', '-q', '-m', 'base');
    await edit(join(work, 'spec/mini-qr.yaml'), 'maxLength: 35', 'maxLength: 40');
    const got = await run('diff', '--json', 'mini-qr.yaml');
    expect(got.code).toBe(0);
    const report = JSON.parse(got.stdout) as { base: string; specs: { spec: string; changes: unknown[] }[] };
    expect(report.base).toBe('HEAD');
    expect(report.specs.map((s) => s.spec)).toEqual(['spec/mini-qr.yaml']);
    expect(report.specs[0]?.changes).toEqual([
      expect.objectContaining({ severity: 'non-breaking', rule: 'request-maxLength-loosened' }),
    ]);
    const bad = await run('diff', '--base', 'no-such-rev');
    expect(bad).toMatchObject({ code: 2, stdout: '' });
    expect(bad.stderr).toContain('diff: --base no-such-rev: not a git revision');
  });
});

describe("a team's own copy of the 1LINK spec", () => {
  it('generates from it, then --check names the stale files and diff reports a removed response field', async () => {
    await mkdir(join(work, 'api'));
    await cp(p2mSpec, join(work, 'api/onelink.yaml'));
    await cp(p2mSpec, join(work, 'onelink-before.yaml'));
    expect((await run('gen', '--spec', 'api/onelink.yaml', '--out', 'src/onelink')).code).toBe(0);
    const types = await readFile(join(work, 'src/onelink/onelink/types.ts'), 'utf8');
    expect(types.split('\n')[0]).toMatch(
      /^\/\/ Generated by \S+ from api\/onelink\.yaml \(sha256 [0-9a-f]{64}\)/,
    );
    expect(types).toContain('expiryDateTime?:');

    await edit(
      join(work, 'api/onelink.yaml'),
      "        expiryDateTime:\n          $ref: '#/components/schemas/LocalDateTime'\n      required:\n        - responseCode\n        - responseDescription\n        - stan",
      '      required:\n        - responseCode\n        - responseDescription\n        - stan',
    );
    const check = await run('gen', '--spec', 'api/onelink.yaml', '--out', 'src/onelink', '--check');
    expect(check.code).toBe(1);
    expect(check.stderr).toContain(
      'src/onelink/onelink/types.ts is stale: api/onelink.yaml changed; run pnpm gen',
    );

    const diff = await run('diff', '--base', 'onelink-before.yaml', '--head', 'api/onelink.yaml');
    expect(diff.code).toBe(0);
    expect(diff.stdout).toMatch(
      /^ {2}BREAKING {6}POST \S+ response 200 \(application\/json\) expiryDateTime: response field removed \[response-field-removed\]$/m,
    );
  });
});

describe('rules', () => {
  it('prints one table row per catalogue rule', async () => {
    const got = await run('rules');
    expect(got.code).toBe(0);
    const rows = got.stdout.split('\n').filter((line) => line.startsWith('| `'));
    expect(rows.map((row) => /^\| `([^`]+)`/.exec(row)?.[1])).toEqual(RULES.map((r) => r.id));
  });
});

describe('the bin as a program', () => {
  it('runs through tsx and exits with main’s code', () => {
    const got = spawnSync(process.execPath, [tsx, cliPath, 'gen', '--bogus'], {
      cwd: work,
      encoding: 'utf8',
    });
    expect(got.status).toBe(2);
    expect(got.stderr).toContain('gen: unknown option --bogus');
    const help = spawnSync(process.execPath, [tsx, cliPath, '--help'], { cwd: work, encoding: 'utf8' });
    expect([help.status, help.stdout.split('\n')[0]]).toEqual([
      0,
      'usage: onelink-codegen <command> [options]',
    ]);
  });
});
