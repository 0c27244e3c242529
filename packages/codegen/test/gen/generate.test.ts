// The drift gate: generate into a temp folder, change the inputs, and check that checkGenerated names each
// stale, missing or extra file and the spec responsible — and nothing when nothing changed.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkGenerated } from '../../src/gen/check.js';
import { generate } from '../../src/gen/generate.js';
import { writeGenerated } from '../../src/gen/write.js';

const fixtures = fileURLToPath(new URL('../../../../generated/test/fixtures/specs/', import.meta.url));

let work: string;
let specDir: string;
let outDir: string;

beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'onelink-gen-check-'));
  specDir = join(work, 'spec');
  outDir = join(work, 'out');
  await cp(fixtures, specDir, { recursive: true });
  await writeGenerated({ specDir, outDir });
});

afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

async function edit(path: string, from: string, to: string): Promise<void> {
  const text = await readFile(path, 'utf8');
  if (!text.includes(from)) throw new Error(`test setup: ${from} not found in ${path}`);
  await writeFile(path, text.replace(from, to));
}

const out = (file: string) => join(outDir, file);
const perSpecFiles = ['types.ts', 'client.ts', 'document.ts', 'index.ts'];

interface Case {
  name: string;
  given: () => Promise<void>;
  /** file is relative to outDir; the message is `<file> is <kind>: <reason>; run pnpm gen`. */
  want: { kind: string; file: string; spec: string; reason: string }[];
}

const cases: Case[] = [
  {
    name: 'unchanged specs → clean',
    given: async () => {},
    want: [],
  },
  {
    name: 'a schema edited in a spec → its files are stale (header hash), and so are those of a spec $ref-ing it',
    given: () => edit(join(specDir, 'mini-qr.yaml'), 'amount: { type: integer }', 'amount: { type: string }'),
    want: [
      ...perSpecFiles.map((name) => ({
        kind: 'stale',
        file: `mini-gateway/${name}`,
        spec: 'spec/mini-gateway.yaml',
        reason: 'spec/mini-qr.yaml (referenced by spec/mini-gateway.yaml) changed',
      })),
      ...perSpecFiles.map((name) => ({
        kind: 'stale',
        file: `mini-qr/${name}`,
        spec: 'spec/mini-qr.yaml',
        reason: 'spec/mini-qr.yaml changed',
      })),
    ],
  },
  {
    name: 'a generated file edited by hand → stale although the spec hash matches',
    given: async () => {
      const file = out('mini-qr/client.ts');
      await writeFile(file, `${await readFile(file, 'utf8')}\nexport const patched = true;\n`);
    },
    want: [
      {
        kind: 'stale',
        file: 'mini-qr/client.ts',
        spec: 'spec/mini-qr.yaml',
        reason: `it differs from what the codegen generates (edited by hand, or the generator changed)`,
      },
    ],
  },
  {
    name: 'a header hash that does not match the spec → stale, naming the spec',
    given: async () => {
      const file = out('mini-qr/index.ts');
      const text = await readFile(file, 'utf8');
      await writeFile(file, text.replace(/sha256 [0-9a-f]{64}/, `sha256 ${'0'.repeat(64)}`));
    },
    want: [
      {
        kind: 'stale',
        file: 'mini-qr/index.ts',
        spec: 'spec/mini-qr.yaml',
        reason: `spec/mini-qr.yaml changed`,
      },
    ],
  },
  {
    name: 'a generated file deleted → missing',
    given: () => rm(out('mini-qr/document.ts')),
    want: [
      {
        kind: 'missing',
        file: 'mini-qr/document.ts',
        spec: 'spec/mini-qr.yaml',
        reason: `generated from spec/mini-qr.yaml but not there`,
      },
    ],
  },
  {
    name: 'a spec removed → its output is extra and the root index is stale',
    given: () => rm(join(specDir, 'mini-gateway.yaml')),
    want: [
      {
        kind: 'stale',
        file: 'index.ts',
        spec: 'spec/*.yaml',
        reason: `the set of spec files changed`,
      },
      ...['client.ts', 'document.ts', 'index.ts', 'types.ts'].map((name) => ({
        kind: 'extra',
        file: `mini-gateway/${name}`,
        spec: 'spec/mini-gateway.yaml',
        reason: `spec/mini-gateway.yaml no longer exists (or no longer produces it)`,
      })),
    ],
  },
  {
    name: 'a spec added → all four files missing, no code change needed',
    given: () => cp(join(specDir, 'mini-qr.yaml'), join(specDir, 'another-api.yaml')),
    want: [
      ...['types.ts', 'client.ts', 'document.ts', 'index.ts'].map((name) => ({
        kind: 'missing',
        file: `another-api/${name}`,
        spec: 'spec/another-api.yaml',
        reason: `generated from spec/another-api.yaml but not there`,
      })),
      {
        kind: 'stale',
        file: 'index.ts',
        spec: 'spec/*.yaml',
        reason: `the set of spec files changed`,
      },
    ],
  },
];

describe('checkGenerated', () => {
  it.each(cases)('$name', async ({ given, want }) => {
    await given();
    expect(await checkGenerated({ specDir, outDir })).toEqual(
      want.map(({ kind, file, spec, reason }) => ({
        kind,
        file: join(outDir, file),
        spec,
        message: `${join(outDir, file)} is ${kind}: ${reason}; run pnpm gen`,
      })),
    );
  });

  it('is clean again after writeGenerated, which also removes output of deleted specs', async () => {
    await rm(join(specDir, 'mini-gateway.yaml'));
    await edit(join(specDir, 'mini-qr.yaml'), 'maxLength: 35', 'maxLength: 34');
    const result = await writeGenerated({ specDir, outDir });
    expect(result.removed).toHaveLength(4);
    expect(result.removed.every((file) => file.includes('mini-gateway'))).toBe(true);
    expect(await checkGenerated({ specDir, outDir })).toEqual([]);
  });
});

describe('a spec that cannot be generated (say, mid-edit)', () => {
  it('is reported by name while the other specs are still checked and written', async () => {
    await writeFile(join(specDir, 'broken.yaml'), 'openapi: 3.1.0\ninfo: [unclosed\n');
    await edit(join(specDir, 'mini-qr.yaml'), 'maxLength: 35', 'maxLength: 34');

    const problems = await checkGenerated({ specDir, outDir });
    expect(problems.filter((p) => p.kind === 'error').map((p) => p.spec)).toEqual(['spec/broken.yaml']);
    expect(problems.find((p) => p.kind === 'error')?.message).toMatch(
      /^spec\/broken\.yaml: .*run pnpm gen\)$/,
    );
    expect(problems.filter((p) => p.kind === 'stale').map((p) => p.spec)).toContain('spec/mini-qr.yaml');

    const result = await writeGenerated({ specDir, outDir });
    expect(result.errors.map((e) => e.spec)).toEqual(['spec/broken.yaml']);
    expect(result.written).toContain(out('mini-qr/types.ts'));
    expect(result.removed).toEqual([]);
    expect((await checkGenerated({ specDir, outDir })).map((p) => p.kind)).toEqual(['error']);
  });
});

describe('a broken spec that another spec $refs', () => {
  it('fails both, and the referencing one names each bundler problem once', async () => {
    await writeFile(join(specDir, 'mini-qr.yaml'), 'openapi: 3.1.0\ninfo: [unclosed\n');
    const errors = (await checkGenerated({ specDir, outDir })).filter((p) => p.kind === 'error');
    expect(errors.map((p) => p.spec)).toEqual(['spec/mini-gateway.yaml', 'spec/mini-qr.yaml']);
    const gateway = errors[0]!.message;
    const detail = /cannot resolve the spec \((.*)\) \(cannot generate/.exec(gateway)?.[1] ?? '';
    const parts = detail.split('; ');
    expect(parts.length, gateway).toBeGreaterThan(0);
    expect(parts[0]).toMatch(/mini-qr\.yaml/);
    expect(new Set(parts).size, gateway).toBe(parts.length);
  });
});

describe('generate', () => {
  it('is deterministic and starts every file with the do-not-edit header', async () => {
    const first = await generate({ specDir, outDir });
    const second = await generate({ specDir, outDir });
    expect(second.map((f) => f.content)).toEqual(first.map((f) => f.content));
    for (const file of first) {
      expect(file.content).toMatch(
        /^\/\/ Generated by onelink-codegen from spec\/\S+ .*Do not edit: run pnpm gen\.\n/,
      );
    }
  });

  it('bundles external $refs so the referencing spec is self-contained', async () => {
    const files = await generate({ specDir, outDir });
    const document = files.find((f) => f.path === 'mini-gateway/document.ts')?.content ?? '';
    const types = files.find((f) => f.path === 'mini-gateway/types.ts')?.content ?? '';
    expect(document).not.toContain('mini-qr.yaml#');
    expect(document).toContain('"$ref": "#/components/schemas/QrRequest"');
    expect(types).toContain('QrRequest: {');
    expect(document.split('\n')[1]).toMatch(
      /^\/\/ Includes \$refs from spec\/mini-qr\.yaml \(sha256 [0-9a-f]{64}\)\.$/,
    );
  });

  it('generates a .yml spec like a .yaml one, named without its extension', async () => {
    await cp(join(specDir, 'mini-qr.yaml'), join(specDir, 'yml-api.yml'));
    const files = await generate({ specDir, outDir });
    const yml = files.filter((f) => f.path.startsWith('yml-api/'));
    expect(yml.map((f) => f.path)).toEqual(perSpecFiles.map((name) => `yml-api/${name}`));
    for (const file of yml)
      expect(file.content).toMatch(/^\/\/ Generated by \S+ from spec\/yml-api\.yml \(sha256 /);
    expect(files.find((f) => f.path === 'index.ts')?.content).toContain(
      "export * as ymlApi from './yml-api/index.js';",
    );
    await writeGenerated({ specDir, outDir });
    expect(await checkGenerated({ specDir, outDir })).toEqual([]);
  });

  it('generates only the files it is given, when given some', async () => {
    const files = await generate({ specDir, outDir, files: ['mini-qr.yaml'] });
    expect(files.map((f) => f.path)).toEqual([...perSpecFiles.map((name) => `mini-qr/${name}`), 'index.ts']);
  });

  it('ignores dotfile YAML such as a linter config next to the specs', async () => {
    await writeFile(join(specDir, '.spectral.yaml'), 'extends: [spectral:oas]\n');
    expect(await checkGenerated({ specDir, outDir })).toEqual([]);
  });

  it('each client.ts holds only the spec-specific part and imports the shared runtime', async () => {
    const clients = (await generate({ specDir, outDir })).filter((f) => f.path.endsWith('/client.ts'));
    expect(clients.map((f) => f.path)).toEqual(['mini-gateway/client.ts', 'mini-qr/client.ts']);
    for (const { content } of clients) {
      expect(content).toContain("from '@onelink-kit/generated/runtime';");
      expect(content).toContain('callOptions(operationInfo.');
      expect(content).not.toMatch(/function (serializeBody|callOptions|formUrlEncode|toFormData)\b/);
      expect(content).not.toContain("from 'openapi-fetch'");
    }
  });

  it('refuses a spec named runtime: that subpath is the shared client runtime', async () => {
    await cp(join(specDir, 'mini-qr.yaml'), join(specDir, 'runtime.yaml'));
    await expect(generate({ specDir, outDir })).rejects.toThrow(
      'spec/runtime.yaml: @onelink-kit/generated/runtime is the shared client runtime, not a spec; rename the file',
    );
  });

  it('names the spec and the rule when an operation has no operationId', async () => {
    await edit(join(specDir, 'mini-gateway.yaml'), '      operationId: health\n', '');
    await expect(generate({ specDir, outDir })).rejects.toThrow(
      'spec/mini-gateway.yaml: GET /health has no operationId',
    );
  });
});
