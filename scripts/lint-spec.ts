/**
 * `pnpm lint:spec [--spec-dir DIR] [files...]`: lints every spec in spec/ (or DIR, or only the given files;
 * which files are specs is @onelink-kit/codegen's spec catalogue: *.yaml and *.yml) with Spectral
 * (.spectral.yaml: spectral:oas + onelink-kit rules) and Redocly (.redocly.yaml: recommended, tightened).
 * Specs are discovered, so a new spec file needs no change here. Exits 1 when any tool reports an error
 * for any spec, and names the spec and the tool.
 *
 * Each tool runs once over all the specs (each start costs seconds of CPU) and its output is cut into
 * each spec's part, so the report still names the spec and the tool.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import { type CliIo, listSpecFiles } from '@onelink-kit/codegen';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name: string): string => join(root, 'node_modules', '.bin', name);

/** One tool's output of a run over several specs, cut per spec. */
interface Split {
  /** Each spec's part, in the order of the specs; shorter when the tool stopped before the last spec. */
  parts: string[];
  /** How many of `parts` the tool finished; a last, unfinished part is where it stopped. */
  finished: number;
  /** What belongs to no one spec (the tool's own messages, results in a file no spec is): shown with each. */
  shared: string;
}

interface Tool {
  name: 'spectral' | 'redocly';
  args: (specs: string[]) => string[];
  split: (output: string, specs: string[]) => Split;
  /** A line of a spec's part that reports an error (not a warning). */
  errorLine: RegExp;
}

const tools: Tool[] = [
  {
    name: 'spectral',
    args: (specs) => [
      'lint',
      ...specs,
      '--ruleset',
      join(root, '.spectral.yaml'),
      '--format',
      'stylish',
      '--fail-severity',
      'error',
    ],
    split: splitSpectral,
    // stylish: `  12:5  error  rule  message  path`
    errorLine: /^\s+(?:\d+:\d+\s+)?error\s/m,
  },
  {
    name: 'redocly',
    args: (specs) => ['lint', ...specs, '--config', join(root, '.redocly.yaml'), '--format', 'stylish'],
    split: splitRedocly,
    // stylish: `  12:5    error    rule  message`
    errorLine: /^\s+\d+:\d+\s+error\s/m,
  },
];

/**
 * Spectral's stylish output is one block per file with results (its path alone on a line, the results
 * indented under it, a blank line), then one summary line for the run; a spec without results has no block.
 */
function splitSpectral(output: string, specs: string[]): Split {
  const blocks = new Map<string, string[]>();
  const loose: string[] = [];
  let block: string[] | undefined;
  for (const line of output.split('\n')) {
    if (line.trim() === '') {
      block = undefined;
    } else if (block !== undefined && /^\s/.test(line)) {
      block.push(line);
    } else if (!/^\s/.test(line) && specs.includes(resolve(root, line))) {
      const spec = resolve(root, line);
      block = blocks.get(spec) ?? [];
      if (block.length > 0) block.push('');
      block.push(line);
      blocks.set(spec, block);
    } else if (!/^✖ \d+ problems?/.test(line) && !line.startsWith('No results with a severity')) {
      // A block of a file that is no spec (a $ref'd one), or a message of the run: it concerns every spec.
      loose.push(line);
    }
  }
  const parts = specs.map((spec) => (blocks.get(spec) ?? []).join('\n'));
  return { parts, finished: parts.length, shared: loose.join('\n') };
}

/**
 * Redocly lints the specs one after another: `validating <spec>...`, the spec's problems, `<spec>: validated
 * in Nms`; then a summary for the run. When it cannot read a spec it stops there.
 */
function splitRedocly(output: string, specs: string[]): Split {
  const lines = output.split('\n');
  const starts = lines.flatMap((line, at) => (/^validating .+\.\.\.$/.test(line) ? [at] : []));
  const shared = lines.slice(0, starts[0] ?? lines.length).join('\n');
  const parts: string[] = [];
  let finished = 0;
  for (const [i, start] of starts.entries()) {
    // Not the spec expected next (more files than specs, another order): no part can be trusted.
    const named = /^validating (.+)\.\.\.$/.exec(lines[start]!)?.[1];
    if (named === undefined || resolve(root, named) !== specs[i]) return { parts: [], finished: 0, shared };
    const nextStart = starts[i + 1] ?? lines.length;
    const end = lines.slice(start, nextStart).findIndex((line) => / validated in \S+$/.test(line));
    if (end === -1) {
      parts.push(lines.slice(start).join('\n'));
      break;
    }
    parts.push(lines.slice(start, start + end + 1).join('\n'));
    finished++;
  }
  return { parts, finished, shared };
}

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

/** Runs `tool` over `specs`; stdout and stderr go to one file, so their lines stay in the order written. */
async function run(tool: Tool, specs: string[]): Promise<{ code: number; output: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'onelink-lint-spec-'));
  const file = join(dir, `${tool.name}.log`);
  const fd = openSync(file, 'w');
  try {
    const code = await new Promise<number | Error>((done) => {
      const child = spawn(bin(tool.name), tool.args(specs), {
        cwd: root,
        // Redocly phones home for telemetry and update notices unless told not to; we only talk to loopback.
        env: {
          ...process.env,
          REDOCLY_TELEMETRY: 'off',
          REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
          REDOCLY_SUPPRESS_NOTIFICATIONS: 'true',
          NO_COLOR: process.env.NO_COLOR ?? '1',
        },
        stdio: ['ignore', fd, fd],
      });
      child.on('error', done);
      child.on('close', (exit) => done(exit ?? 1));
    });
    if (code instanceof Error) return { code: 127, output: String(code) };
    // Colour codes (FORCE_COLOR in the environment) would hide the lines the output is cut at.
    return { code, output: stripBanner(stripVTControlCharacters(readFileSync(file, 'utf8'))) };
  } finally {
    closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Each spec's outcome under `tool`: one run over all of them, again over those after a spec it stopped at. */
async function lintWith(tool: Tool, specs: string[]): Promise<Outcome[]> {
  if (specs.length === 0) return [];
  const { code, output } = await run(tool, specs);
  const { parts, finished, shared } = tool.split(output, specs);
  if (parts.length === 0) return specs.map((spec) => ({ spec, tool: tool.name, code, output }));
  const text = (part: string) => [shared, part].filter((t) => t.trim() !== '').join('\n');
  const outcomes = parts.map((part, i) => {
    const stopped = i >= finished;
    const failed = stopped || (code !== 0 && tool.errorLine.test(text(part)));
    return { spec: specs[i]!, tool: tool.name, code: failed ? code || 1 : 0, output: text(part) };
  });
  // The run failed but no part shows why: every spec it covered fails with the whole output, as it would alone.
  if (code !== 0 && outcomes.every((o) => o.code === 0)) {
    for (const o of outcomes) Object.assign(o, { code, output });
  }
  return [...outcomes, ...(await lintWith(tool, specs.slice(parts.length)))];
}

const USAGE = `usage: pnpm lint:spec [--spec-dir DIR] [spec/<file>.yaml ...]

Lints every spec/*.yaml and *.yml (or those in DIR, or only the files given) with Spectral (.spectral.yaml) and
Redocly (.redocly.yaml). Exits 1 naming each spec and tool that reported an error.`;

const processIo: CliIo = {
  out: (text) => console.log(text),
  err: (text) => console.error(text),
  cwd: process.cwd(),
};

/** The CLI: `argv` without node and the script; prints through `io`; resolves to the exit code. */
export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.out(USAGE);
    return 0;
  }
  const unknown = argv.find((a) => a.startsWith('-') && a !== '--spec-dir');
  if (unknown !== undefined) {
    io.err(`lint:spec: unknown option ${unknown}\n${USAGE}`);
    return 2;
  }
  const args = [...argv];
  let specDir = join(root, 'spec');
  const dirAt = args.indexOf('--spec-dir');
  if (dirAt !== -1) {
    const dir = args[dirAt + 1];
    if (dir === undefined) {
      io.err('lint:spec: --spec-dir needs a directory');
      return 1;
    }
    specDir = resolve(io.cwd, dir);
    args.splice(dirAt, 2);
  }
  if (args.length === 0 && !existsSync(specDir)) {
    io.err(`lint:spec: no such spec folder ${specDir}`);
    return 1;
  }
  const specs =
    args.length > 0
      ? args.map((f) => resolve(io.cwd, f))
      : listSpecFiles(specDir).map((f) => join(specDir, f));
  if (specs.length === 0) {
    io.err(`lint:spec: no *.yaml or *.yml spec found in ${specDir}`);
    return 1;
  }
  const missing = specs.filter((s) => !existsSync(s));
  if (missing.length > 0) {
    io.err(`lint:spec: no such file: ${missing.join(', ')}`);
    return 1;
  }

  const byTool = await Promise.all(tools.map((tool) => lintWith(tool, specs)));
  // Spec by spec, each tool in turn, as the report has always listed them.
  const outcomes = specs.flatMap((_, i) => byTool.map((outcomesOfTool) => outcomesOfTool[i]!));
  const shown = (spec: string): string => {
    const rel = relative(root, spec);
    return rel.startsWith('..') ? spec : rel;
  };

  // Failures and warnings are shown in full; a clean run is one line per spec and tool.
  for (const o of outcomes) {
    if (o.code !== 0 || /\bwarning/i.test(o.output)) {
      io.out(`\n── ${o.tool}: ${shown(o.spec)} ──\n${o.output}`);
    }
  }
  io.out('');
  for (const o of outcomes) {
    io.out(`${o.code === 0 ? 'ok  ' : 'FAIL'} ${o.tool.padEnd(8)} ${shown(o.spec)}`);
  }
  const failed = outcomes.filter((o) => o.code !== 0);
  if (failed.length > 0) {
    io.err(`\nlint:spec failed: ${failed.map((o) => `${shown(o.spec)} (${o.tool})`).join(', ')}`);
    return 1;
  }
  io.out(`\nlint:spec: ${specs.length} spec(s) clean under Spectral and Redocly`);
  return 0;
}

// Run as a program (`pnpm lint:spec`); imported (by its tests), it only exports main.
if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
