#!/usr/bin/env tsx
// `pnpm sign` — for when a server answers "Signature Mismatched": prints the string to sign and the
// signature for a SNAP or Link Based Payments request, and with --verify says whether a signature matches.
// Secrets come from the environment (NAME or NAME_FILE, core's one rule) only, never from flags.
// main(argv, env, io) does the work and returns the exit code, so tests call it in-process; the bottom of
// the file runs it when this file is the program.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { fromEnv } from '@onelink-kit/core';
import { SECRET_FLAGS, USAGE } from './cli/usage.js';
import { signLink, verifyLink } from './link-signature.js';
import { signSnap, verifySnap } from './snap-signature.js';

/** Where the command prints, and the folder a relative --body path starts from; tests pass their own. */
export interface SignIo {
  out(text: string): void;
  err(text: string): void;
  cwd: string;
}

/** The environment the secrets are read from (NAME or NAME_FILE). */
export type SignEnv = Readonly<Record<string, string | undefined>>;

class UsageError extends Error {}

type Values = Record<string, string | boolean | undefined>;

interface Run {
  env: SignEnv;
  io: SignIo;
}

function refuseSecretFlags(argv: readonly string[]): void {
  for (const arg of argv) {
    const name = /^--?([^=]+)/.exec(arg)?.[1];
    if (name && name in SECRET_FLAGS) {
      // The value is never echoed back.
      throw new UsageError(`--${name}: secrets are never accepted as flags; set ${SECRET_FLAGS[name]}`);
    }
  }
}

/** A subcommand's flags plus the shared --verify SIG and --help. */
function parse(argv: string[], options: NonNullable<ParseArgsConfig['options']>): Values {
  try {
    return parseArgs({
      args: argv,
      options: { ...options, verify: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }).values as Values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** Runs a signer, reporting its input errors (field and rule, never a value) as usage errors. */
function signed<T>(sign: () => T): T {
  try {
    return sign();
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function need(values: Values, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v === '') throw new UsageError(`--${name} is required`);
  return v;
}

async function secret(name: string, { env, io }: Run): Promise<string> {
  try {
    return await fromEnv(name, env, { cwd: io.cwd })({ reason: 'initial' });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function report(
  lines: [string, string][],
  values: Values,
  matches: (signature: string) => boolean,
  io: SignIo,
): number {
  for (const [k, v] of lines) io.out(`${`${k}:`.padEnd(16)}${v}`);
  if (typeof values.verify !== 'string') return 0;
  const ok = matches(values.verify);
  io.out(`${'verify:'.padEnd(16)}${ok ? 'MATCH' : 'MISMATCH'}`);
  return ok ? 0 : 1;
}

async function snap(argv: string[], run: Run): Promise<number> {
  const values = parse(argv, {
    method: { type: 'string' },
    path: { type: 'string' },
    token: { type: 'string' },
    timestamp: { type: 'string' },
    body: { type: 'string' },
  });
  if (values.help) {
    run.io.out(USAGE);
    return 0;
  }
  // Flags first, then the environment: a missing flag is reported as such, not as a missing secret.
  const method = need(values, 'method');
  const urlPath = need(values, 'path');
  const timestamp = need(values, 'timestamp');
  let body: string | undefined;
  if (typeof values.body === 'string') {
    try {
      body = readFileSync(resolve(run.io.cwd, values.body), 'utf8');
    } catch (error) {
      throw new UsageError(
        `--body: cannot read ${values.body} (${(error as { code?: string }).code ?? 'error'})`,
      );
    }
  }
  const token = typeof values.token === 'string' ? values.token : await secret('SNAP_ACCESS_TOKEN', run);
  const input = { method, urlPath, accessToken: token, body, timestamp };
  const clientSecret = await secret('SNAP_CLIENT_SECRET', run);
  const result = signed(() => signSnap(clientSecret, input));
  return report(
    [
      ['string-to-sign', result.stringToSign],
      ['body-sha256', result.bodyHash],
      ['algorithm', 'base64(HMAC-SHA512(SNAP_CLIENT_SECRET, string-to-sign))'],
      ['signature', result.signature],
    ],
    values,
    (signature) => verifySnap(clientSecret, input, signature),
    run.io,
  );
}

async function link(argv: string[], run: Run): Promise<number> {
  const values = parse(argv, {
    mid: { type: 'string' },
    amount: { type: 'string' },
    'txn-id': { type: 'string' },
    invoice: { type: 'string' },
  });
  if (values.help) {
    run.io.out(USAGE);
    return 0;
  }
  const mid = need(values, 'mid');
  const isCreate = values.amount !== undefined || values['txn-id'] !== undefined;
  if (isCreate === (values.invoice !== undefined)) {
    throw new UsageError('give either --amount and --txn-id (create) or --invoice (resend, cancel)');
  }
  // Flags first, then the environment: a missing flag is reported as such, not as a missing secret.
  const tail = isCreate
    ? { amount: need(values, 'amount'), merchantTxnId: need(values, 'txn-id') }
    : { invoiceNo: need(values, 'invoice') };
  const [password, hashKey] = [await secret('LINK_PASSWORD', run), await secret('LINK_HASH_KEY', run)];
  const input = { mid, password, ...tail };
  const result = signed(() => signLink(hashKey, input));
  return report(
    [
      ['string-to-sign', `${result.maskedStringToSign}  (password masked)`],
      ['algorithm', 'hex(HMAC-SHA512(LINK_HASH_KEY, string-to-sign))'],
      ['signature', result.signature],
    ],
    values,
    (signature) => verifyLink(hashKey, input, signature),
    run.io,
  );
}

async function dispatch(argv: readonly string[], run: Run): Promise<number> {
  refuseSecretFlags(argv);
  const [kind, ...rest] = argv;
  if (kind === undefined || kind === '--help' || kind === '-h' || kind === 'help') {
    run.io.out(USAGE);
    return kind === undefined ? 2 : 0;
  }
  if (kind === 'snap') return snap(rest, run);
  if (kind === 'link') return link(rest, run);
  throw new UsageError(`unknown kind "${kind}": use snap or link`);
}

/** Runs `pnpm sign` with these arguments and this environment; returns the exit code (0, 1 MISMATCH, 2). */
export async function main(argv: readonly string[], env: SignEnv, io: SignIo): Promise<number> {
  try {
    return await dispatch(argv, { env, io });
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`sign: ${error.message}\n(pnpm sign --help for usage)`);
      return 2;
    }
    io.err(`sign: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
}

export const processIo: SignIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  cwd: process.cwd(),
};
