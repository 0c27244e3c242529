// The spec catalogue decides what a spec is for every tool: .yaml and .yml, no dotfiles, no sub-folders,
// sorted, one name per spec.
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  isSpecFileName,
  listSpecFiles,
  loadSpec,
  parseSpec,
  parseSpecs,
  selectSpecs,
  specNameOf,
} from '../src/spec-catalog.js';

const fixtures = fileURLToPath(new URL('../../../generated/test/fixtures/specs/', import.meta.url));

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'onelink-spec-catalog-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const minimal = 'openapi: 3.1.0\ninfo: { title: t, version: "1" }\npaths: {}\n';

describe('isSpecFileName and specNameOf', () => {
  it.each([
    { given: 'api.yaml', want: { spec: true, name: 'api' } },
    { given: 'api.yml', want: { spec: true, name: 'api' } },
    { given: '1link-p2m-qr.yaml', want: { spec: true, name: '1link-p2m-qr' } },
    { given: '.spectral.yaml', want: { spec: false, name: '.spectral' } },
    { given: 'api.json', want: { spec: false, name: 'api.json' } },
    { given: 'api.yaml.bak', want: { spec: false, name: 'api.yaml.bak' } },
  ])('$given', ({ given, want }) => {
    expect(isSpecFileName(given)).toBe(want.spec);
    expect(specNameOf(given)).toBe(want.name);
  });
});

describe('listSpecFiles', () => {
  it('lists .yaml and .yml files at the top level, sorted, without dotfiles or sub-folders', async () => {
    await writeFile(join(dir, 'zeta.yml'), minimal);
    await writeFile(join(dir, 'alpha.yaml'), minimal);
    await writeFile(join(dir, '.redocly.yaml'), 'extends: []\n');
    await writeFile(join(dir, 'notes.md'), '# notes\n');
    await mkdir(join(dir, 'fragments'));
    await writeFile(join(dir, 'fragments', 'part.yaml'), minimal);
    expect(listSpecFiles(dir)).toEqual(['alpha.yaml', 'zeta.yml']);
  });

  it('refuses x.yaml next to x.yml: both would be spec x', async () => {
    await writeFile(join(dir, 'x.yaml'), minimal);
    await writeFile(join(dir, 'x.yml'), minimal);
    expect(() => listSpecFiles(dir)).toThrow(`${dir}: x.yaml and x.yml are both spec x; keep one of them`);
  });

  it('names a missing folder', () => {
    expect(() => listSpecFiles(join(dir, 'nope'))).toThrow(`${join(dir, 'nope')}: no such spec folder`);
  });
});

describe('selectSpecs', () => {
  it('a folder selects every spec in it; a file selects that one', async () => {
    await writeFile(join(dir, 'a.yaml'), minimal);
    await writeFile(join(dir, 'b.yml'), minimal);
    expect(selectSpecs(dir)).toEqual({ specDir: dir, files: ['a.yaml', 'b.yml'] });
    expect(selectSpecs(join(dir, 'b.yml'))).toEqual({ specDir: dir, files: ['b.yml'] });
  });

  it.each([
    { given: 'missing.yaml', want: 'missing.yaml: no such spec file or folder' },
    { given: 'notes.md', want: 'notes.md: a spec file must end in .yaml or .yml' },
  ])('refuses $given', async ({ given, want }) => {
    await writeFile(join(dir, 'notes.md'), '# notes\n');
    expect(() => selectSpecs(join(dir, given))).toThrow(`${join(dir, want)}`);
  });
});

describe('parseSpec and parseSpecs', () => {
  it('parses each spec as written, with its name and file hash', async () => {
    await writeFile(join(dir, 'b.yml'), minimal);
    await writeFile(join(dir, 'a.yaml'), minimal.replace('title: t', 'title: a'));
    const specs = parseSpecs(dir);
    expect(specs.map((s) => [s.name, s.fileName])).toEqual([
      ['a', 'a.yaml'],
      ['b', 'b.yml'],
    ]);
    expect(specs[1]?.document).toEqual({ openapi: '3.1.0', info: { title: 't', version: '1' }, paths: {} });
    expect(specs[1]?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(specs[0]?.sha256).not.toBe(specs[1]?.sha256);
  });

  it.each([
    { given: 'openapi: [unclosed\n', want: 'not valid YAML' },
    { given: '- a\n- b\n', want: 'not an OpenAPI document (the YAML is not a mapping)' },
  ])('names the file when it is $want', async ({ given, want }) => {
    await writeFile(join(dir, 'bad.yaml'), given);
    expect(() => parseSpec(join(dir, 'bad.yaml'))).toThrow(`${join(dir, 'bad.yaml')}: ${want}`);
  });
});

describe('loadSpec', () => {
  it('bundles external $refs and records the hash of each referenced file', async () => {
    await cp(fixtures, dir, { recursive: true });
    const spec = await loadSpec(dir, 'mini-gateway.yaml');
    expect(spec.name).toBe('mini-gateway');
    expect(spec.spec.file).toBe('spec/mini-gateway.yaml');
    expect(spec.refs.map((r) => r.file)).toEqual(['spec/mini-qr.yaml']);
    expect(JSON.stringify(spec.document)).not.toContain('mini-qr.yaml#');
  });

  it('loads a .yml spec under its name', async () => {
    await writeFile(join(dir, 'tiny.yml'), minimal);
    const spec = await loadSpec(dir, 'tiny.yml');
    expect([spec.name, spec.spec.file]).toEqual(['tiny', 'spec/tiny.yml']);
  });

  it('refuses a YAML file that is not OpenAPI', async () => {
    await writeFile(join(dir, 'other.yaml'), 'name: not a spec\n');
    await expect(loadSpec(dir, 'other.yaml')).rejects.toThrow(
      'spec/other.yaml: cannot resolve the spec (Unsupported specification)',
    );
  });
});
