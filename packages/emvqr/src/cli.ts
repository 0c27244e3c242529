// `pnpm qr` (onelink-qr): main(argv, io) does the work and returns the exit code, so tests call it
// in-process. The programs are thin: bin/onelink-qr.js (installed) and scripts/qr.ts (this workspace).
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from './build.js';
import type { EmvQrError, EmvQrProblem } from './errors.js';
import { fieldsFromRequest } from './raast-request.js';
import { renderPng, renderSvg, renderTerminal } from './render.js';
import type { DataObject } from './tlv-parse.js';
import { type VerifyOptions, type VerifyResult, verify } from './verify.js';

const HELP = `emvqr — read, check, draw and write EMVCo merchant-presented QR payloads (Raast P2M)

Usage
  pnpm qr decode <payload> [--json]
  pnpm qr render <payload> --png --out FILE [--width PX | --scale N] [--margin N] [--ec L|M|Q|H]
  pnpm qr render <payload> --svg --out FILE [same size options]
  pnpm qr render <payload> --terminal [--margin N] [--ec L|M|Q|H]
  pnpm qr build --json FILE
  pnpm qr build --request FILE

Commands
  decode   Table of every data object (tag, name, length in characters, value; templates indented)
           and the CRC status. --json prints the parsed structure instead. A payload that fails
           verification still prints what could be read, then each problem with its character
           offset on stderr, and exits 1.
  render   Draws the payload as a QR code (error correction M unless --ec). Refuses a payload that
           fails verification unless --force.
  build    Writes a payload with its CRC. --json FILE holds either a typed object
           ({ merchantAccountInformation, merchantCategoryCode, ... }) or an ordered array of
           { "tag": "59", "value": "..." } / { "tag": "62", "children": [...] }.
           --request FILE holds a 1LINK generateDQRCMerchant/Aggregator request body, mapped
           with the Raast P2M convention. Prints the payload; on a rule violation prints the tag
           and rule and exits 1.

Verification options (decode, render, build)
  --pfi 01,02          accepted Payload Format Indicator values (default 01; DuitNow uses 02)
  --optional 52,59,60  EMVCo-mandatory tags to treat as optional (PromptPay P2P omits these)
  --require-poi        tag 01 (Point of Initiation Method) must be present

  <payload> or FILE may be "-" to read standard input.
Exit status: 0 ok, 1 payload/input invalid, 2 usage error.
`;

/** Where the command prints (one call per line), and the folder relative FILE paths start from. */
export interface QrCliIo {
  out(text: string): void;
  err(text: string): void;
  cwd: string;
}

export const processIo: QrCliIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  cwd: process.cwd(),
};

class UsageError extends Error {}

function readInput(arg: string | undefined, what: string): string {
  if (arg === undefined) throw new UsageError(`missing ${what}`);
  // Payloads copied from terminals often carry a trailing newline; it is never part of a payload.
  return (arg === '-' ? readFileSync(0, 'utf8') : arg).replace(/\r?\n$/, '');
}

function verifyOptions(values: Record<string, unknown>): VerifyOptions {
  const list = (v: unknown): string[] | undefined =>
    typeof v === 'string'
      ? v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : undefined;
  const pfi = list(values.pfi);
  const optional = list(values.optional);
  return {
    ...(pfi ? { payloadFormatIndicators: pfi } : {}),
    ...(optional ? { optionalTags: optional } : {}),
    ...(values['require-poi'] ? { requirePointOfInitiation: true } : {}),
  };
}

function printProblems(problems: readonly EmvQrProblem[], io: QrCliIo): void {
  io.err(`✗ ${problems.length} problem${problems.length === 1 ? '' : 's'}:`);
  for (const p of problems) {
    io.err(`  ${p.code} at offset ${p.offset}${p.tag ? ` (tag ${p.tag})` : ''}: ${p.message}`);
  }
}

function rows(objects: DataObject[], depth: number, out: string[][]): void {
  for (const o of objects) {
    const indent = '  '.repeat(depth);
    const value = o.children !== undefined ? '' : o.value;
    out.push([`${indent}${o.tag}`, `${indent}${o.name}`, String(o.length), value]);
    if (o.children !== undefined) rows(o.children, depth + 1, out);
  }
}

function table(result: VerifyResult): string {
  const body: string[][] = [];
  rows(result.objects, 0, body);
  const header = ['Tag', 'Name', 'Len', 'Value'];
  const width = (i: number): number =>
    Math.max(header[i]!.length, ...body.map((r) => Array.from(r[i]!).length));
  const pad = (s: string, n: number, right = false): string => {
    const gap = ' '.repeat(Math.max(0, n - Array.from(s).length));
    return right ? gap + s : s + gap;
  };
  const w = [width(0), width(1), width(2)];
  const line = (r: string[]): string =>
    `${pad(r[0]!, w[0]!)}  ${pad(r[1]!, w[1]!)}  ${pad(r[2]!, w[2]!, true)}  ${r[3]}`;
  const crc = result.crc;
  const crcLine =
    crc.status === 'valid'
      ? `CRC: valid (${crc.actual})`
      : crc.status === 'missing'
        ? 'CRC: missing'
        : `CRC: ${crc.status} (payload says ${crc.actual ?? '-'}, computed ${crc.expected ?? '-'})`;
  return [line(header), ...body.map(line), '', crcLine].join('\n');
}

async function decode(args: string[], values: Record<string, unknown>, io: QrCliIo): Promise<number> {
  const payload = readInput(args[0], '<payload>');
  const result = verify(payload, verifyOptions(values));
  if (values.json) {
    io.out(
      JSON.stringify(
        { ok: result.ok, crc: result.crc, problems: result.problems, objects: result.objects },
        null,
        2,
      ),
    );
  } else {
    io.out(table(result));
  }
  if (!result.ok) {
    printProblems(result.problems, io);
    return 1;
  }
  return 0;
}

function numberOption(values: Record<string, unknown>, name: string): number | undefined {
  const v = values[name];
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${name} must be a whole number`);
  return n;
}

async function render(args: string[], values: Record<string, unknown>, io: QrCliIo): Promise<number> {
  const payload = readInput(args[0], '<payload>');
  const result = verify(payload, verifyOptions(values));
  if (!result.ok && !values.force) {
    printProblems(result.problems, io);
    io.err('Not rendering an invalid payload (use --force to draw it anyway).');
    return 1;
  }
  const ec = values.ec as string | undefined;
  if (ec !== undefined && !['L', 'M', 'Q', 'H'].includes(ec))
    throw new UsageError('--ec must be L, M, Q or H');
  const width = numberOption(values, 'width');
  const scale = numberOption(values, 'scale');
  const margin = numberOption(values, 'margin');
  const options = {
    ...(ec ? { errorCorrectionLevel: ec as 'L' | 'M' | 'Q' | 'H' } : {}),
    ...(width !== undefined ? { width } : {}),
    ...(scale !== undefined ? { scale } : {}),
    ...(margin !== undefined ? { margin } : {}),
  };
  const formats = ['png', 'svg', 'terminal'].filter((f) => values[f]);
  if (formats.length !== 1) throw new UsageError('choose exactly one of --png, --svg, --terminal');
  if (values.terminal) {
    io.out((await renderTerminal(payload, options)).replace(/\n$/, ''));
    return 0;
  }
  const out = values.out as string | undefined;
  if (out === undefined) throw new UsageError('--out FILE is required with --png and --svg');
  writeFileSync(
    resolve(io.cwd, out),
    values.png ? await renderPng(payload, options) : await renderSvg(payload, options),
  );
  io.err(`Wrote ${out}`);
  return 0;
}

async function buildCommand(values: Record<string, unknown>, io: QrCliIo): Promise<number> {
  const jsonFile = values.json as string | undefined;
  const requestFile = values.request as string | undefined;
  if ((jsonFile === undefined) === (requestFile === undefined)) {
    throw new UsageError('build needs exactly one of --json FILE or --request FILE');
  }
  const file = jsonFile ?? requestFile!;
  let text: string;
  try {
    text = readInput(file === '-' ? '-' : readFileSync(resolve(io.cwd, file), 'utf8'), 'FILE');
  } catch (e) {
    io.err(`✗ cannot read ${file} (${(e as { code?: string }).code ?? (e as Error).message})`);
    return 1;
  }
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (e) {
    io.err(`✗ ${jsonFile ?? requestFile} is not JSON: ${(e as Error).message}`);
    return 1;
  }
  try {
    const fields = requestFile !== undefined ? fieldsFromRequest(input as never) : (input as never);
    io.out(build(fields, verifyOptions(values)));
    return 0;
  } catch (e) {
    const error = e as EmvQrError;
    if (typeof error.code !== 'string') throw e;
    io.err(
      `✗ ${error.code}${error.tag ? ` (tag ${error.tag})` : ''}${error.rule ? ` — rule: ${error.rule}` : ''}`,
    );
    io.err(`  ${error.message}`);
    // The first problem leads; the rest (e.g. every missing mandatory tag) saves a fix-and-retry loop each.
    if (error.problems.length > 1) printProblems(error.problems, io);
    return 1;
  }
}

async function run(argv: string[], io: QrCliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      json: { type: 'string' },
      request: { type: 'string' },
      png: { type: 'boolean' },
      svg: { type: 'boolean' },
      terminal: { type: 'boolean' },
      out: { type: 'string', short: 'o' },
      width: { type: 'string' },
      scale: { type: 'string' },
      margin: { type: 'string' },
      ec: { type: 'string' },
      force: { type: 'boolean' },
      pfi: { type: 'string' },
      optional: { type: 'string' },
      'require-poi': { type: 'boolean' },
    },
    strict: true,
    // `decode --json` is a flag while `build --json FILE` takes a value: normalize below.
    tokens: false,
  });
  const [command, ...rest] = positionals;
  if (values.help || command === undefined || command === 'help') {
    io.out(HELP);
    return command === undefined && !values.help ? 2 : 0;
  }
  switch (command) {
    case 'decode':
      return decode(rest, values, io);
    case 'render':
      return render(rest, values, io);
    case 'build':
      return buildCommand(values, io);
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

// `--json` is a bare flag for decode but takes FILE for build; give decode's bare flag a value.
function normalize(argv: string[]): string[] {
  if (argv[0] !== 'decode') return argv;
  return argv.flatMap((a) => (a === '--json' ? ['--json', 'true'] : [a]));
}

/** Runs `pnpm qr` with these arguments; returns the exit code (0 ok, 1 payload/input invalid, 2 usage). */
export async function main(argv: readonly string[], io: QrCliIo = processIo): Promise<number> {
  try {
    return await run(normalize([...argv]), io);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`✗ ${(error as Error).message}\n`);
      io.err(HELP);
      return 2;
    }
    io.err(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return 1;
  }
}
