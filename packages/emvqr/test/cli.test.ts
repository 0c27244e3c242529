// `pnpm qr` (src/cli.ts) driven in-process through main(argv, io); one test spawns the file through tsx to
// prove it runs as a program (exit code and streams of a real process).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { captureIo, decodeQrPng } from '@onelink-kit/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli.js';
import { build } from '../src/index.js';
import { BASE } from './helpers.js';
import { EMVCO, PUBLIC_VECTORS } from './vectors.js';

const PACKAGE = fileURLToPath(new URL('..', import.meta.url));
// The workspace's program for it (`pnpm qr`); bin/onelink-qr.js is the installed one (consumer tests).
const CLI = join(PACKAGE, '../../scripts/qr.ts');
const dir = mkdtempSync(join(tmpdir(), 'emvqr-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function qr(...args: string[]): Promise<Run> {
  const printed = captureIo(PACKAGE);
  const code = await main(args, printed.io);
  return { code, stdout: printed.stdout(), stderr: printed.stderr() };
}

function spawnQr(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx/esm', CLI, ...args],
      { cwd: PACKAGE },
      (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

const PAYLOAD = build(BASE);

describe('qr as a program (spawned)', () => {
  it('prints the table on stdout, the problems on stderr, and exits with the code main returns', async () => {
    const broken = await spawnQr('decode', `${EMVCO.slice(0, -4)}0000`);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain('CRC: mismatch');
    expect(broken.stderr).toContain(`CRC_MISMATCH at offset ${EMVCO.length - 4} (tag 63)`);
  });
});

describe('qr decode', () => {
  it('prints a table with names, nesting and the CRC status', async () => {
    const run = await qr('decode', EMVCO);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Tag\s+Name\s+Len\s+Value/);
    expect(run.stdout).toMatch(/\n64\s+Merchant Information—Language Template\s+20\s*\n/);
    expect(run.stdout).toMatch(/\n {2}01\s+Merchant Name—Alternate Language\s+4\s+最佳运输\n/);
    expect(run.stdout).toContain('CRC: valid (A13A)');
    expect(run.stderr).toBe('');
  });

  it('--json prints the parsed structure', async () => {
    const run = await qr('decode', PAYLOAD, '--json');
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json.ok).toBe(true);
    expect(json.objects.find((o: { tag: string }) => o.tag === '59')).toMatchObject({
      name: 'Merchant Name',
      value: 'Test Shop',
    });
  });

  it('exits non-zero and prints each problem with its offset', async () => {
    const broken = `${EMVCO.slice(0, -4)}0000`.replace('5802CN', '5802cn');
    const run = await qr('decode', broken);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('CRC: mismatch');
    expect(run.stderr).toContain(`INVALID_VALUE at offset ${broken.indexOf('5802cn')} (tag 58)`);
    expect(run.stderr).toContain(`CRC_MISMATCH at offset ${broken.length - 4} (tag 63)`);
  });

  it('accepts scheme options (DuitNow Payload Format Indicator 02)', async () => {
    const duitnow = PUBLIC_VECTORS.find((v) => v.name.includes('DuitNow'))!.payload;
    expect((await qr('decode', duitnow)).code).toBe(1);
    expect((await qr('decode', duitnow, '--pfi', '01,02')).code).toBe(0);
  });
});

describe('qr render', () => {
  it('--png writes an image that decodes back to the payload', async () => {
    const out = join(dir, 'qr.png');
    const run = await qr('render', PAYLOAD, '--png', '--out', out);
    expect(run.code).toBe(0);
    expect(decodeQrPng(readFileSync(out))).toBe(PAYLOAD);
  });

  it('--svg writes an SVG file and --terminal prints blocks', async () => {
    const out = join(dir, 'qr.svg');
    expect((await qr('render', PAYLOAD, '--svg', '--out', out)).code).toBe(0);
    expect(readFileSync(out, 'utf8').startsWith('<svg')).toBe(true);
    const run = await qr('render', PAYLOAD, '--terminal');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/[█▀▄]/);
  });

  it('refuses an invalid payload unless --force', async () => {
    const out = join(dir, 'bad.png');
    const bad = `${PAYLOAD.slice(0, -4)}0000`;
    const refused = await qr('render', bad, '--png', '--out', out);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('CRC_MISMATCH');
    expect((await qr('render', bad, '--png', '--out', out, '--force')).code).toBe(0);
    expect(decodeQrPng(readFileSync(out))).toBe(bad);
  });
});

describe('qr build', () => {
  it('--json FILE prints the payload', async () => {
    const file = join(dir, 'fields.json');
    writeFileSync(file, JSON.stringify(BASE));
    const run = await qr('build', '--json', file);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(PAYLOAD);
  });

  it('--request FILE maps a 1LINK request', async () => {
    const file = join(dir, 'request.json');
    writeFileSync(
      file,
      JSON.stringify({
        merchantDetails: {
          dbaName: 'Shop',
          iban: 'PK00TEST',
          bankBic: 'TESTPK',
          merchantCategoryCode: '5999',
          merchantID: 'M1',
          postalAddress: { townName: 'Quetta', subDept: '0001' },
        },
        paymentDetails: {
          instructedAmount: 5,
          expiryDateTime: '2026-11-22T10:00:00',
          transactionType: 'P2M',
        },
        info: { stan: '1', rrn: '000000000001' },
      }),
    );
    const run = await qr('build', '--request', file);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('5404' + '5.00');
    expect(run.stdout).toContain('6006Quetta');
  });

  it('names the tag and rule of an invalid input and exits 1', async () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify(BASE.map((o) => (o.tag === '52' ? { tag: '52', value: '581' } : o))));
    const run = await qr('build', '--json', file);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('INVALID_VALUE (tag 52) — rule: 4 digits');
  });
});

describe('qr build: input problems', () => {
  it('lists every problem, not only the first', async () => {
    const file = join(dir, 'partial.json');
    writeFileSync(file, JSON.stringify({ merchantCategoryCode: '58144' }));
    const run = await qr('build', '--json', file);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('INVALID_VALUE (tag 52)');
    for (const tag of ['02-51', '53', '58', '59', '60']) {
      expect(run.stderr).toContain(`MISSING_MANDATORY_TAG at offset 0 (tag ${tag})`);
    }
  });

  it.each([
    ['a missing file', null, /cannot read .*missing\.json \(ENOENT\)/],
    ['JSON null', 'null', /INVALID_VALUE \(tag input\)/],
    ['a list holding null', '[null]', /INVALID_VALUE \(tag data object list\)/],
  ])('%s: one line naming the problem, exit 1, no stack trace', async (_name, content, want) => {
    const file = join(dir, content === null ? 'missing.json' : 'shape.json');
    if (content !== null) writeFileSync(file, content);
    const run = await qr('build', '--json', file);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(want);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('qr --help and usage errors', () => {
  it('--help explains every command', async () => {
    const run = await qr('--help');
    expect(run.code).toBe(0);
    for (const text of [
      'pnpm qr decode',
      'pnpm qr render',
      'pnpm qr build --json FILE',
      '--terminal',
      'Exit status',
    ]) {
      expect(run.stdout).toContain(text);
    }
  });

  it('an unknown command exits 2 with the help text', async () => {
    const run = await qr('frobnicate');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown command "frobnicate"');
  });
});
