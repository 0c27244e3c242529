import path from 'node:path';
import { parseArgs } from 'node:util';
import { environmentUrls } from '@onelink-kit/client';
import { fromEnv } from '@onelink-kit/core';
import { defaultLayout } from '../mock-servers.js';
import { NOT_RECORDABLE, RECORDABLE } from '../record/recordable.js';
import { recordFixtures } from '../record/recorder.js';
import { loadSpecs } from '../spec-catalog.js';
import type { CliIo } from './mock-build.js';

export const RECORD_USAGE = `usage: pnpm record [options]

Drives @onelink-kit/client against a 1LINK environment with simulated data and writes each
exchange as mock/fixtures/<operationId>/<scenario>.json (provenance "sandbox"), after replacing
credentials with placeholders and masking personal data (IBAN, phone, e-mail, CNIC; format kept).
A file that still contains a configured secret is refused. Requests are sequential and spaced
(--min-interval-ms, at least 1000 for any non-loopback target), as 1LINK's terms require.

options:
  --env sandbox|production|URL   target (default sandbox). A URL is the API base; the token
                                 endpoint is URL/oauth2/token unless --token-url is given
  --token-url URL                token endpoint for --env URL
  --operation ID                 only this operation (repeatable): ${Object.keys(RECORDABLE).join(', ')}
  --scenario NAME                only this scenario (repeatable)
  --out DIR                      fixtures directory (default mock/fixtures)
  --min-interval-ms N            minimum spacing between request starts (default 1000)
  --aggregator-merchant-id ID    merchant registered for your aggregator in that environment
                                 (default $ONELINK_RECORD_AGGREGATOR_MERCHANT_ID or SIMAGG0001)
  --confirm-remote               required for any non-loopback target (sandbox, production)
  -h, --help                     this text

credentials (never written anywhere): ONELINK_CLIENT_ID, ONELINK_CLIENT_SECRET, or *_FILE paths.
not recorded on purpose: ${Object.entries(NOT_RECORDABLE)
  .map(([k, v]) => `${k} (${v})`)
  .join('; ')}.`;

/** A refused invocation: exit 2 with this message, before anything is sent or written. */
class UsageError extends Error {}

const loopback = (u: string) => ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(u).hostname);

/**
 * `pnpm record`: checks the arguments and credentials, records, and returns the exit code (2: refused,
 * 1: some scenario refused or failed, 0: all written). `env` is where credentials and defaults are read.
 */
export async function runRecord(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  io: CliIo,
): Promise<number> {
  try {
    return await record(args, env, io);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.err(`pnpm record: ${err.message}`);
    return 2;
  }
}

async function record(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  io: CliIo,
): Promise<number> {
  let values: ReturnType<typeof parse>['values'];
  try {
    ({ values } = parse(args));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (values.help) {
    io.out(RECORD_USAGE);
    return 0;
  }
  for (const op of values.operation ?? []) {
    if (!(op in RECORDABLE))
      throw new UsageError(`--operation ${op}: the recorder drives ${Object.keys(RECORDABLE).join(', ')}`);
  }
  const knownScenarios = new Set([
    ...Object.values(RECORDABLE).flatMap((t) => Object.keys(t)),
    ...Object.keys(NOT_RECORDABLE),
  ]);
  for (const sc of values.scenario ?? []) {
    if (!knownScenarios.has(sc))
      throw new UsageError(`--scenario ${sc}: known scenarios are ${[...knownScenarios].join(', ')}`);
  }
  const { baseUrl, tokenUrl } = targetOf(values.env, values['token-url']);
  const remote = !loopback(baseUrl) || !loopback(tokenUrl);
  const minIntervalMs = Number(values['min-interval-ms']);
  if (!Number.isFinite(minIntervalMs) || minIntervalMs < 0)
    throw new UsageError('--min-interval-ms must be a non-negative number');
  if (remote && !values['confirm-remote']) {
    throw new UsageError(
      `${new URL(baseUrl).origin} is not loopback: add --confirm-remote to record from a real 1LINK environment`,
    );
  }
  if (remote && minIntervalMs < 1000)
    throw new UsageError('--min-interval-ms must be at least 1000 for a real 1LINK environment');

  const readSecret = async (name: string) => {
    try {
      return await fromEnv(name, env)({ reason: 'initial' });
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
  };
  const clientId = await readSecret('ONELINK_CLIENT_ID');
  const clientSecret = await readSecret('ONELINK_CLIENT_SECRET');

  const layout = defaultLayout();
  const outDir = path.resolve(values.out ?? layout.fixturesDir);
  const outcomes = await recordFixtures({
    specs: loadSpecs(layout.specDir, layout.repoRoot),
    baseUrl,
    tokenUrl,
    environmentLabel:
      values.env === 'sandbox' || values.env === 'production'
        ? `the 1LINK ${values.env}`
        : 'a 1LINK-compatible URL',
    clientId,
    clientSecret,
    outDir,
    ...(values.operation ? { operations: values.operation } : {}),
    ...(values.scenario ? { scenarios: values.scenario } : {}),
    minIntervalMs,
    aggregatorMerchantId:
      values['aggregator-merchant-id'] ?? env.ONELINK_RECORD_AGGREGATOR_MERCHANT_ID ?? 'SIMAGG0001',
    log: (line) => io.out(line),
  });
  const count = (status: string) => outcomes.filter((o) => o.status === status).length;
  const written = count('written');
  const failed = count('failed');
  const refused = count('refused');
  io.out(`${written} written, ${count('skipped')} skipped, ${refused} refused, ${failed} failed → ${outDir}`);
  if (written > 0) io.out('next: pnpm mock:build (validates them and refreshes mock/SCENARIOS.md)');
  if (failed > 0) {
    io.err(
      'pnpm record: some scenarios got no usable answer (see FAIL lines): check the target URL, ONELINK_CLIENT_ID/SECRET and --aggregator-merchant-id',
    );
  }
  return refused > 0 || failed > 0 ? 1 : 0;
}

function parse(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    options: {
      env: { type: 'string', default: 'sandbox' },
      'token-url': { type: 'string' },
      operation: { type: 'string', multiple: true },
      scenario: { type: 'string', multiple: true },
      out: { type: 'string' },
      'min-interval-ms': { type: 'string', default: '1000' },
      'aggregator-merchant-id': { type: 'string' },
      'confirm-remote': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
}

/** `--env sandbox|production` picks the spec's servers; a URL is the API base (token at URL/oauth2/token). */
function targetOf(target: string, tokenUrl: string | undefined): { baseUrl: string; tokenUrl: string } {
  if (target === 'sandbox' || target === 'production') return environmentUrls(target);
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new UsageError(`--env must be sandbox, production or a URL, got "${target}"`);
  }
  const baseUrl = url.href.replace(/\/+$/, '');
  return { baseUrl, tokenUrl: tokenUrl ?? `${baseUrl}/oauth2/token` };
}
