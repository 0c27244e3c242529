/**
 * `pnpm sign` — for when a server answers "Signature Mismatched": prints the string to sign and the
 * signature for a SNAP or Link Based Payments request, and with --verify says whether a signature matches.
 * Secrets come from the environment (NAME or NAME_FILE) only, never from flags.
 */
import { readFileSync } from 'node:fs';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { fromEnv } from '@onelink-kit/client';
import { PASSWORD_MASK, signLink, signSnap, verifyLink, verifySnap } from '@onelink-kit/signing';

const USAGE = `usage:
  pnpm sign snap --method M --path P --token T --timestamp TS [--body FILE] [--verify SIG]
  pnpm sign link --mid M (--amount A --txn-id T | --invoice N) [--verify SIG]
  pnpm sign [snap|link] --help

snap  SNAP symmetric signature (card binding, seed 003):
        stringToSign = METHOD:URLPath:AccessToken:lowercase(hex(sha256(minify(body)))):X-TIMESTAMP
        X-SIGNATURE  = base64(HMAC-SHA512(SNAP_CLIENT_SECRET, stringToSign))
      --path   the request target after the host: path, and for a query "?" + the query string
               exactly as sent (same order, same percent-encoding), e.g.
               '/v1.0/get-auth-code?scopes=CARD_REGISTRATION&state=...'
      --token  the bare access token (no "Bearer "); or set SNAP_ACCESS_TOKEN (or SNAP_ACCESS_TOKEN_FILE)
      --body   file with the JSON body; minified (JSON.parse + JSON.stringify) before hashing.
               Omitted or empty (a GET): the hash of the empty string, e3b0c442...b855.
      secret:  SNAP_CLIENT_SECRET or SNAP_CLIENT_SECRET_FILE

link  Link Based Payments signature (seed 004), lower-case hex:
        create:         HMAC-SHA512(LINK_HASH_KEY, MID + Password + amount + merchantTxnId)
        resend, cancel: HMAC-SHA512(LINK_HASH_KEY, MID + Password + InvoiceNo)
      The HMAC key is LINK_HASH_KEY; the password (LINK_PASSWORD) is part of the signed string and is
      printed masked as ${PASSWORD_MASK}. --amount is the request's amount string exactly as sent, e.g. 1500.00.
      secrets: LINK_PASSWORD / LINK_PASSWORD_FILE and LINK_HASH_KEY / LINK_HASH_KEY_FILE

--verify SIG  compare SIG with the computed signature (constant time): prints MATCH (exit 0) or
              MISMATCH (exit 1).
Secrets are never accepted as flags.
exit codes: 0 ok / MATCH, 1 MISMATCH, 2 usage or configuration error`;

class UsageError extends Error {}

// Flags someone might reach for to pass a secret: refused with a pointer to the variable instead.
const SECRET_FLAGS: Record<string, string> = {
  secret: 'SNAP_CLIENT_SECRET (or SNAP_CLIENT_SECRET_FILE) for snap, LINK_HASH_KEY for link',
  'client-secret': 'SNAP_CLIENT_SECRET (or SNAP_CLIENT_SECRET_FILE)',
  password: 'LINK_PASSWORD (or LINK_PASSWORD_FILE)',
  'hash-key': 'LINK_HASH_KEY (or LINK_HASH_KEY_FILE)',
  key: 'LINK_HASH_KEY (or LINK_HASH_KEY_FILE) for link, SNAP_CLIENT_SECRET for snap',
};

function refuseSecretFlags(argv: string[]): void {
  for (const arg of argv) {
    const name = /^--?([^=]+)/.exec(arg)?.[1];
    if (name && name in SECRET_FLAGS) {
      // The value is never echoed back.
      throw new UsageError(`--${name}: secrets are never accepted as flags; set ${SECRET_FLAGS[name]}`);
    }
  }
}

/** A subcommand's flags plus the shared --verify SIG and --help. */
function parse(argv: string[], options: NonNullable<ParseArgsConfig['options']>) {
  try {
    return parseArgs({
      args: argv,
      options: { ...options, verify: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }).values as Record<string, string | boolean | undefined>;
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

function need(values: Record<string, string | boolean | undefined>, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v === '') throw new UsageError(`--${name} is required`);
  return v;
}

async function secret(name: string): Promise<string> {
  try {
    return await fromEnv(name)({ reason: 'initial' });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function report(
  lines: [string, string][],
  values: Record<string, string | boolean | undefined>,
  matches: (signature: string) => boolean,
): number {
  for (const [k, v] of lines) console.log(`${`${k}:`.padEnd(16)}${v}`);
  if (typeof values.verify !== 'string') return 0;
  const ok = matches(values.verify);
  console.log(`${'verify:'.padEnd(16)}${ok ? 'MATCH' : 'MISMATCH'}`);
  return ok ? 0 : 1;
}

async function snap(argv: string[]): Promise<number> {
  const values = parse(argv, {
    method: { type: 'string' },
    path: { type: 'string' },
    token: { type: 'string' },
    timestamp: { type: 'string' },
    body: { type: 'string' },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  // Flags first, then the environment: a missing flag is reported as such, not as a missing secret.
  const method = need(values, 'method');
  const urlPath = need(values, 'path');
  const timestamp = need(values, 'timestamp');
  let body: string | undefined;
  if (typeof values.body === 'string') {
    try {
      body = readFileSync(values.body, 'utf8');
    } catch (error) {
      throw new UsageError(
        `--body: cannot read ${values.body} (${(error as { code?: string }).code ?? 'error'})`,
      );
    }
  }
  const token = typeof values.token === 'string' ? values.token : await secret('SNAP_ACCESS_TOKEN');
  const input = { method, urlPath, accessToken: token, body, timestamp };
  const clientSecret = await secret('SNAP_CLIENT_SECRET');
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
  );
}

async function link(argv: string[]): Promise<number> {
  const values = parse(argv, {
    mid: { type: 'string' },
    amount: { type: 'string' },
    'txn-id': { type: 'string' },
    invoice: { type: 'string' },
  });
  if (values.help) {
    console.log(USAGE);
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
  const [password, hashKey] = [await secret('LINK_PASSWORD'), await secret('LINK_HASH_KEY')];
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
  );
}

async function main(argv: string[]): Promise<number> {
  refuseSecretFlags(argv);
  const [kind, ...rest] = argv;
  if (kind === undefined || kind === '--help' || kind === '-h' || kind === 'help') {
    console.log(USAGE);
    return kind === undefined ? 2 : 0;
  }
  if (kind === 'snap') return snap(rest);
  if (kind === 'link') return link(rest);
  throw new UsageError(`unknown kind "${kind}": use snap or link`);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`sign: ${error.message}\n(pnpm sign --help for usage)`);
      process.exitCode = 2;
      return;
    }
    console.error(`sign: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);
