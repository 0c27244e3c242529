import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { captureIo } from '@onelink-kit/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { main } from '../../scripts/lint-spec.js';
import { runScript } from '../support/run-script.js';

// Runs the real `pnpm lint:spec` script (Spectral + Redocly) against small specs written to a temp dir,
// so these tests prove that our own Spectral rules fail the build and that the script names the rule,
// the spec and the tool. The broken-rule cases run it as a program (tsx, as `pnpm lint:spec` does); the
// others call its main(argv, io) here, which spawns the same two tools without another tsx start.
const work = mkdtempSync(join(tmpdir(), 'onelink-lint-spec-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Run {
  code: number;
  output: string;
}

async function lintSpec(args: string[]): Promise<Run> {
  const { code, stdout, stderr } = await runScript('lint-spec.ts', args);
  return { code, output: `${stdout}${stderr}` };
}

async function lintSpecHere(args: string[]): Promise<Run> {
  const printed = captureIo();
  const code = await main(args, printed.io);
  return { code, output: `${printed.stdout()}${printed.stderr()}` };
}

type Json = { [key: string]: unknown };
type Spec = Json;

/** Follows `path` to its parent object and sets (or, for `undefined`, deletes) the last key. */
function edit(spec: Spec, path: string[], value: unknown): void {
  const parentPath = path.slice(0, -1);
  const key = path.at(-1)!;
  let node: Json = spec;
  for (const step of parentPath) {
    const next = node[step];
    if (typeof next !== 'object' || next === null) throw new Error(`fixture has no ${path.join('.')}`);
    node = next as Json;
  }
  if (!(key in node)) throw new Error(`fixture has no ${path.join('.')}`);
  if (value === undefined) delete node[key];
  else node[key] = value;
}

/** A small spec that both Spectral (with our rules) and Redocly accept; each case breaks one thing. */
function validSpec(): Spec {
  const thingExample = { value: { stan: '123456', rrn: '633010123456' } };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Lint fixture',
      version: '1.0.0',
      description: 'A minimal valid spec for lint-spec tests.',
      contact: { name: 'onelink-kit maintainers' },
      license: { name: 'UNLICENSED', identifier: 'UNLICENSED' },
    },
    servers: [{ url: 'http://127.0.0.1:4010', description: 'Loopback mock' }],
    tags: [{ name: 'things', description: 'Things.' }],
    security: [{ apiKey: [] }],
    paths: {
      '/things': {
        post: {
          operationId: 'makeThing',
          tags: ['things'],
          summary: 'Make a thing',
          description: 'Makes a thing.',
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/Thing' },
                examples: { success: thingExample },
              },
            },
          },
          responses: {
            '200': {
              description: 'Made.',
              content: {
                'application/json': {
                  schema: { $ref: '#/components/schemas/Thing' },
                  examples: { success: thingExample },
                },
              },
            },
            '400': {
              description: 'Rejected.',
              content: {
                'application/json': {
                  schema: { $ref: '#/components/schemas/Problem' },
                  examples: { 'validation-error': { value: { responseCode: '12' } } },
                },
              },
            },
          },
        },
      },
    },
    components: {
      securitySchemes: { apiKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key' } },
      schemas: {
        Thing: {
          type: 'object',
          properties: {
            stan: { type: 'string', maxLength: 6, pattern: '^[0-9]{1,6}$' },
            rrn: { type: 'string', maxLength: 12, pattern: '^[0-9]{12}$' },
          },
          required: ['stan', 'rrn'],
        },
        Problem: {
          type: 'object',
          properties: { responseCode: { type: 'string' } },
          required: ['responseCode'],
        },
      },
    },
  };
}

const op = ['paths', '/things', 'post'];
const thing = ['components', 'schemas', 'Thing', 'properties'];

/** What `tool` printed for `file`: the body of the script's `── tool: file ──` block, up to the next block or the summary. */
function toolSection(output: string, tool: string, file: string): string {
  const header = `── ${tool}: ${file} ──\n`;
  const start = output.indexOf(header);
  if (start === -1) return '';
  const rest = output.slice(start + header.length);
  const end = rest.search(/\n── |\n(ok {2}|FAIL) /);
  return end === -1 ? rest : rest.slice(0, end);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function writeSpec(name: string, spec: Spec): string {
  const file = join(work, name);
  writeFileSync(file, stringify(spec));
  return file;
}

describe('lint:spec on a valid spec', () => {
  it('exits 0 and reports both tools clean', async () => {
    const file = writeSpec('valid.yaml', validSpec());
    const got = await lintSpecHere([file]);
    expect(got.output).toMatch(/ok\s+spectral\s+\S*valid\.yaml/);
    expect(got.output).toMatch(/ok\s+redocly\s+\S*valid\.yaml/);
    expect(got.code).toBe(0);
  });
});

describe('lint:spec fails on a spec that breaks one of our Spectral rules', () => {
  // given: the path to change in the valid fixture and its new value (undefined = delete it).
  const cases: { name: string; given: { path: string[]; value: unknown }; want: string }[] = [
    {
      name: 'missing operationId',
      given: { path: [...op, 'operationId'], value: undefined },
      want: 'onelink-operation-id',
    },
    {
      name: 'operationId not camelCase',
      given: { path: [...op, 'operationId'], value: 'Make_Thing' },
      want: 'onelink-operation-id',
    },
    {
      name: 'no 4xx response',
      given: { path: [...op, 'responses', '400'], value: undefined },
      want: 'onelink-4xx-response',
    },
    {
      name: 'rrn pattern allows any length',
      given: { path: [...thing, 'rrn', 'pattern'], value: '^[0-9]+$' },
      want: 'onelink-rrn-pattern',
    },
    {
      name: 'stan without a pattern',
      given: { path: [...thing, 'stan', 'pattern'], value: undefined },
      want: 'onelink-stan-pattern',
    },
    {
      name: 'request body without an example',
      given: { path: [...op, 'requestBody', 'content', 'application/json', 'examples'], value: undefined },
      want: 'onelink-request-example',
    },
    {
      name: 'error response without an example',
      given: {
        path: [...op, 'responses', '400', 'content', 'application/json', 'examples'],
        value: undefined,
      },
      want: 'onelink-response-example',
    },
  ];

  // One run of the script over every broken spec (it lints the files it is given side by side) instead
  // of one run each; each case then reads its own spec's section, FAIL line and failed-list entry.
  const fileOf = (name: string): string => join(work, `${name.replaceAll(' ', '-')}.yaml`);
  let all: Promise<Run> | undefined;
  function lintAllCases(): Promise<Run> {
    all ??= lintSpec(
      cases.map(({ name, given }) => {
        const spec = validSpec();
        edit(spec, given.path, given.value);
        writeFileSync(fileOf(name), stringify(spec));
        return fileOf(name);
      }),
    );
    return all;
  }

  it.each(cases)('$name → $want', async ({ name, want }) => {
    const file = escapeRegExp(fileOf(name));
    const got = await lintAllCases();
    expect(got.code).toBe(1);
    expect(toolSection(got.output, 'spectral', fileOf(name))).toContain(want);
    expect(got.output).toMatch(new RegExp(`FAIL\\s+spectral\\s+${file}`));
    expect(got.output).toMatch(new RegExp(`lint:spec failed: .*${file} \\(spectral\\)`));
  });
});

describe('lint:spec discovers every *.yaml and *.yml in the spec directory', () => {
  it('lints a spec it was never told about and names the failing one', async () => {
    const dir = mkdtempSync(join(work, 'specs-'));
    writeFileSync(join(dir, 'alpha.yaml'), stringify(validSpec()));
    const broken = validSpec();
    edit(broken, [...op, 'responses', '400'], undefined);
    writeFileSync(join(dir, 'beta.yaml'), stringify(broken));
    writeFileSync(join(dir, 'gamma.yml'), stringify(validSpec()));
    writeFileSync(join(dir, 'notes.txt'), 'not a spec');

    const got = await lintSpecHere(['--spec-dir', dir]);

    expect(got.output).toMatch(/ok\s+spectral\s+\S*alpha\.yaml/);
    expect(got.output).toMatch(/ok\s+redocly\s+\S*gamma\.yml/);
    expect(got.output).toMatch(/FAIL\s+spectral\s+\S*beta\.yaml/);
    expect(got.output).not.toContain('notes.txt');
    expect(got.code).toBe(1);
  });

  it('fails when there is no spec at all', async () => {
    const empty = mkdtempSync(join(work, 'empty-'));
    const got = await lintSpecHere(['--spec-dir', empty]);
    expect(got.code).toBe(1);
    expect(got.output).toContain('no *.yaml or *.yml spec found');
  });
});
