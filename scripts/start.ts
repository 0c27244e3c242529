/**
 * `pnpm start`: the whole stack on this machine, nothing off loopback.
 *   1. builds the mock and starts Prism for 1LINK on 127.0.0.1:MOCK_PORT (default 4010);
 *   2. starts the gateway on 127.0.0.1:PORT (default 8080) with SQLite (./data/gateway.sqlite,
 *      or DATABASE_URL), generating a demo API key when none is configured;
 *   3. creates one demo QR through the gateway and prints it (QR blocks, decoded fields, PNG URL,
 *      the curl to fetch it);
 *   4. serves until Ctrl-C, then shuts both down gracefully.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseOneLinkDateTime } from '@onelink-kit/core';
import { renderTerminal } from '@onelink-kit/emvqr';
import {
  ConfigError,
  createGatewayLogger,
  describeDatabase,
  generateApiKey,
  parseConfig,
  type QrView,
  type RunningGateway,
  startGateway,
} from '@onelink-kit/gateway';
import { startOneLinkMock } from '@onelink-kit/mock';

const USAGE = `Usage: pnpm start [--help]

Builds the 1LINK mock, starts Prism on 127.0.0.1:MOCK_PORT and the gateway on 127.0.0.1:PORT,
creates one demo QR through the gateway and prints it, then serves until Ctrl-C.

Environment (all optional; see packages/gateway/README.md):
  PORT                     gateway port (default 8080; 0 = any free port)
  MOCK_PORT                Prism port (default 4010)
  DATABASE_URL             unset = ./data/gateway.sqlite, sqlite:PATH, or postgres://user@host:port/db
  GATEWAY_API_KEYS(_FILE)  raw keys or sha256:<hex>, comma/line separated; unset = a demo key is generated
                           and printed (the demo QR is only created with that key)
  ONELINK_BASE_URL         1LINK API base; unset = the local Prism mock. When set, no mock is
                           started and ONELINK_TOKEN_URL, ONELINK_CLIENT_ID and
                           ONELINK_CLIENT_SECRET(_FILE) are required too
  ONELINK_AMOUNT_UNIT      rupees (default) or paisa: the unit 1LINK reads instructedAmount in
  ONELINK_TRANSACTION_TYPE paymentDetails.transactionType sent to 1LINK (default P2M)
  LOG_LEVEL                level of the gateway's JSON log on stdout (default warn here)

Exit status: 0 after Ctrl-C/SIGTERM, 1 on a configuration or start-up error, 2 on a bad argument.`;

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log(USAGE);
  process.exit(0);
}
if (args.length > 0) {
  console.error(`pnpm start: unknown argument ${args[0]} (it takes none; configure it with env variables)\n`);
  console.error(USAGE);
  process.exit(2);
}

const env: Record<string, string | undefined> = { ...process.env };
const bold = (s: string) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s);
const dim = (s: string) => (process.stdout.isTTY ? `\x1b[2m${s}\x1b[0m` : s);

let demoKey: string | undefined;
if (!env.GATEWAY_API_KEYS && !env.GATEWAY_API_KEYS_FILE) {
  const generated = generateApiKey();
  demoKey = generated.key;
  // Only the hash is configured; the raw key exists in this process and on your screen.
  env.GATEWAY_API_KEYS = generated.hashed;
}
env.LOG_LEVEL ??= 'warn';

let config: ReturnType<typeof parseConfig>;
try {
  config = parseConfig(env);
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`Configuration error — ${error.message}`);
    process.exit(1);
  }
  throw error;
}

const stops: Array<() => Promise<void>> = [];
let gateway: RunningGateway | undefined;

async function shutdown(code: number): Promise<never> {
  for (const stop of stops.reverse()) {
    try {
      await stop();
    } catch (error) {
      console.error('shutdown step failed:', (error as Error).message);
    }
  }
  process.exit(code);
}

try {
  if (config.upstream.isMock) {
    console.log(dim(`Building the 1LINK mock and starting Prism on 127.0.0.1:${config.mockPort} …`));
    const mock = await startOneLinkMock({ port: config.mockPort, host: '127.0.0.1' });
    stops.push(() => mock.stop());
    console.log(`1LINK mock (Prism):  ${mock.url}`);
  } else {
    console.log(`Upstream:            ${config.upstream.baseUrl} (ONELINK_BASE_URL; no mock started)`);
  }

  gateway = await startGateway(config, { logger: createGatewayLogger(config.logLevel) });
  const gw = gateway;
  // The same drain as src/main.ts: long enough for a create in flight to get its answer and store it.
  stops.push(() => gw.close(2 * config.upstream.timeoutMs + 2_000));
  console.log(`Gateway:             ${gw.url}  (${describeDatabase(config.database)})`);
  if (gw.recovered.length > 0) {
    console.log(
      `Recovered:           ${gw.recovered.length} transaction(s) left pending by a crash → unknown`,
    );
  }
  if (demoKey) {
    console.log(`Demo API key:        ${bold(demoKey)}`);
    console.log(dim('                     (generated for this run; set GATEWAY_API_KEYS to use your own)'));
  } else {
    console.log('API key:             from GATEWAY_API_KEYS / GATEWAY_API_KEYS_FILE');
  }

  if (demoKey) {
    await demo(gw, demoKey, config.upstream.isMock);
  } else {
    console.log(dim('\nNo demo QR: the configured API keys are not known to this script. Try:'));
    console.log(curlCreate(gw.url, '<your key>'));
  }
  console.log(`\nServing. ${bold('Ctrl-C')} stops the gateway and the mock.`);
} catch (error) {
  const message = (error as Error).message;
  const hint = /EADDRINUSE/.test(message) ? ' (choose another port: PORT=8081 pnpm start)' : '';
  console.error(`pnpm start failed: ${message}${hint}`);
  await shutdown(1);
}

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: draining requests, closing the database, stopping Prism …`);
    void shutdown(0);
  });
}

async function demo(gw: RunningGateway, key: string, isMock: boolean): Promise<void> {
  const { body, expiryMatches } = fixtureRequest();
  const res = await fetch(`${gw.url}/v1/qr/merchant`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${key}`,
      'content-type': 'application/json',
      'idempotency-key': `demo-${Date.now()}`,
    },
    body: JSON.stringify(body),
  });
  const answer = (await res.json()) as QrView & { title?: string; detail?: string };
  if (res.status !== 201 || !answer.qr) {
    console.log(`\nDemo QR failed: HTTP ${res.status} ${answer.title ?? ''} ${answer.detail ?? ''}`);
    return;
  }
  const qr = answer.qr;
  console.log(
    `\n${bold('Demo QR')} created through the gateway${isMock ? ` — ${bold('upstream is the Prism MOCK')}, not 1LINK` : ''}:`,
  );
  console.log(await renderTerminal(qr.payload, { margin: 2 }));
  const rows: Array<[string, string]> = [
    ['transaction id', answer.id],
    ['status', answer.status],
    ['stan / rrn (sent)', `${answer.stan} / ${answer.rrn}`],
    ['amount', `PKR ${answer.amount}`],
    ['expires (PKT)', answer.expiresAt],
    ...Object.entries(qr.decoded).map(([k, v]) => [`qr.${k}`, String(v)] as [string, string]),
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
  console.log(`\n  payload  ${qr.payload}`);
  if (qr.check.ok) {
    console.log('\n  QR check: the decoded QR matches the request.');
  } else {
    console.log('\n  QR check: the decoded QR differs from the request (stored and reported):');
    for (const m of qr.check.mismatches) {
      console.log(`    - ${m.field} [tag ${m.tag}]: sent ${m.expected ?? '∅'}, QR has ${m.actual ?? '∅'}`);
    }
    if (isMock) {
      console.log(
        dim(
          `    Expected with the mock: Prism returns the recorded QR of the success fixture, which carries the\n` +
            `    fixture's RRN${expiryMatches ? '' : ' and expiry'}, not the ones the gateway allocated. A real 1LINK QR would match.`,
        ),
      );
    }
  }
  const png = `${gw.url}${answer.links.png}`;
  console.log(`\n  PNG:  ${png}`);
  console.log(`  SVG:  ${gw.url}${answer.links.svg}`);
  console.log(`\n  Fetch the PNG:\n    curl -H 'Authorization: Bearer ${key}' -o qr.png ${png}`);
  console.log(`  Look it up:\n    curl -H 'Authorization: Bearer ${key}' ${gw.url}${answer.links.self}`);
  console.log(
    `  Reconciliation export:\n    curl -H 'Authorization: Bearer ${key}' '${gw.url}/v1/transactions?format=csv'`,
  );
  console.log(`  Another QR:\n${curlCreate(gw.url, key)}`);
}

function curlCreate(url: string, key: string): string {
  const body = JSON.stringify({ ...fixtureRequest().body, expiresInSeconds: 900, expiresAt: undefined });
  return `    curl -X POST ${url}/v1/qr/merchant -H 'Authorization: Bearer ${key}' \\\n      -H 'Content-Type: application/json' -H "Idempotency-Key: $(date +%s)" \\\n      -d '${body}'`;
}

/**
 * The demo request mirrors the mock's success fixture (merchant, payer, amount), so the recorded
 * QR Prism returns agrees with it on everything the gateway does not allocate. The fixture's
 * expiry is reused while it is inside 1LINK's window (60 s – 24 h ahead); otherwise 15 minutes.
 */
function fixtureRequest(): { body: Record<string, unknown>; expiryMatches: boolean } {
  const file = fileURLToPath(new URL('../mock/fixtures/generateDQRCMerchant/success.json', import.meta.url));
  const fixture = JSON.parse(readFileSync(file, 'utf8')) as {
    request: {
      body: {
        merchantDetails: unknown;
        payerDetails?: unknown;
        paymentDetails: { expiryDateTime: string; instructedAmount: number };
      };
    };
  };
  const sent = fixture.request.body;
  const expiry = parseOneLinkDateTime(sent.paymentDetails.expiryDateTime) ?? 0;
  const now = Date.now();
  const expiryMatches = expiry > now + 120_000 && expiry < now + 23 * 3600_000;
  return {
    body: {
      merchantDetails: sent.merchantDetails,
      ...(sent.payerDetails ? { payerDetails: sent.payerDetails } : {}),
      amount: sent.paymentDetails.instructedAmount,
      ...(expiryMatches ? { expiresAt: sent.paymentDetails.expiryDateTime } : { expiresInSeconds: 900 }),
      reference: 'pnpm-start-demo',
    },
    expiryMatches,
  };
}
