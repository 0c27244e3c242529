/**
 * `pnpm lint:spec [--spec-dir DIR] [files...]`: lints every spec in spec/ (or DIR, or only the given files;
 * which files are specs is @onelink-kit/codegen's spec catalogue: *.yaml and *.yml) with Spectral
 * (.spectral.yaml: spectral:oas + onelink-kit rules) and Redocly (.redocly.yaml: recommended, tightened).
 * Specs are discovered, so a new spec file needs no change here. Exits 1 when any tool reports an error
 * for any spec, and names the spec and the tool.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listSpecFiles } from '@onelink-kit/codegen';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name: string): string => join(root, 'node_modules', '.bin', name);

interface Tool {
  name: 'spectral' | 'redocly';
  args: (spec: string) => string[];
}

const tools: Tool[] = [
  {
    name: 'spectral',
    args: (spec) => [
      'lint',
      spec,
      '--ruleset',
      join(root, '.spectral.yaml'),
      '--format',
      'stylish',
      '--fail-severity',
      'error',
    ],
  },
  {
    name: 'redocly',
    args: (spec) => ['lint', spec, '--config', join(root, '.redocly.yaml'), '--format', 'stylish'],
  },
];

interface Outcome {
  spec: string;
  tool: Tool['name'];
  code: number;
  output: string;
}

/** Drops Redocly's boxed Node-20 deprecation banner: it is not about the spec. */
function stripBanner(text: string): string {
  return text
    .replace(/\n?[ \t]*╔[\s\S]*?╝[ \t]*\n?/g, '\n')
    .replace(/^\s*\n/, '')
    .trimEnd();
}

function run(tool: Tool, spec: string): Promise<Outcome> {
  return new Promise((done) => {
    const child = spawn(bin(tool.name), tool.args(spec), {
      cwd: root,
      // Redocly phones home for telemetry and update notices unless told not to; we only talk to loopback.
      env: {
        ...process.env,
        REDOCLY_TELEMETRY: 'off',
        REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
        REDOCLY_SUPPRESS_NOTIFICATIONS: 'true',
        NO_COLOR: process.env.NO_COLOR ?? '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('error', (err) => done({ spec, tool: tool.name, code: 127, output: String(err) }));
    child.on('close', (code) =>
      done({ spec, tool: tool.name, code: code ?? 1, output: stripBanner(output) }),
    );
  });
}

const USAGE = `usage: pnpm lint:spec [--spec-dir DIR] [spec/<file>.yaml ...]

Lints every spec/*.yaml and *.yml (or those in DIR, or only the files given) with Spectral (.spectral.yaml) and
Redocly (.redocly.yaml). Exits 1 naming each spec and tool that reported an error.`;

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  const unknown = argv.find((a) => a.startsWith('-') && a !== '--spec-dir');
  if (unknown !== undefined) {
    console.error(`lint:spec: unknown option ${unknown}\n${USAGE}`);
    return 2;
  }
  const args = [...argv];
  let specDir = join(root, 'spec');
  const dirAt = args.indexOf('--spec-dir');
  if (dirAt !== -1) {
    const dir = args[dirAt + 1];
    if (dir === undefined) {
      console.error('lint:spec: --spec-dir needs a directory');
      return 1;
    }
    specDir = resolve(process.cwd(), dir);
    args.splice(dirAt, 2);
  }
  if (args.length === 0 && !existsSync(specDir)) {
    console.error(`lint:spec: no such spec folder ${specDir}`);
    return 1;
  }
  const specs =
    args.length > 0
      ? args.map((f) => resolve(process.cwd(), f))
      : listSpecFiles(specDir).map((f) => join(specDir, f));
  if (specs.length === 0) {
    console.error(`lint:spec: no *.yaml or *.yml spec found in ${specDir}`);
    return 1;
  }
  const missing = specs.filter((s) => !existsSync(s));
  if (missing.length > 0) {
    console.error(`lint:spec: no such file: ${missing.join(', ')}`);
    return 1;
  }

  const outcomes = await Promise.all(specs.flatMap((spec) => tools.map((tool) => run(tool, spec))));
  const shown = (spec: string): string => {
    const rel = relative(root, spec);
    return rel.startsWith('..') ? spec : rel;
  };

  // Failures and warnings are shown in full; a clean run is one line per spec and tool.
  for (const o of outcomes) {
    if (o.code !== 0 || /\bwarning/i.test(o.output)) {
      console.log(`\n── ${o.tool}: ${shown(o.spec)} ──\n${o.output}`);
    }
  }
  console.log('');
  for (const o of outcomes) {
    console.log(`${o.code === 0 ? 'ok  ' : 'FAIL'} ${o.tool.padEnd(8)} ${shown(o.spec)}`);
  }
  const failed = outcomes.filter((o) => o.code !== 0);
  if (failed.length > 0) {
    console.error(`\nlint:spec failed: ${failed.map((o) => `${shown(o.spec)} (${o.tool})`).join(', ')}`);
    return 1;
  }
  console.log(`\nlint:spec: ${specs.length} spec(s) clean under Spectral and Redocly`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
