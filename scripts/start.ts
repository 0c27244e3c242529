/**
 * `pnpm start`: the whole stack on this machine, nothing off loopback.
 *   1. starts the 1LINK simulator on 127.0.0.1:SIM_PORT (default 4020), or with --prism builds the
 *      mock and starts Prism on 127.0.0.1:MOCK_PORT (default 4010) for recorded playback;
 *   2. starts the gateway on 127.0.0.1:PORT (default 8080) with SQLite (./data/gateway.sqlite,
 *      or DATABASE_URL), generating a demo API key when none is configured; its JSON log goes to a
 *      file (LOG_FILE, default ./data/gateway.log), or with --logs to this terminal;
 *   3. creates one demo QR through the gateway and prints it (QR blocks, decoded fields, the QR check,
 *      PNG URL, the curl to fetch it);
 *   4. serves until Ctrl-C, then shuts everything down and exits 0.
 * Each port may be 0: the OS picks a free one and the URLs printed are the bound ones (what tests use,
 * since a port probed beforehand can be taken before the script binds it).
 */
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { QrView, RunningGateway } from '@onelink-kit/gateway';

const USAGE = `Usage: pnpm start [--prism] [--logs] [--help]

Starts the 1LINK simulator on 127.0.0.1:SIM_PORT and the gateway on 127.0.0.1:PORT over it,
creates one demo QR through the gateway and prints it, then serves until Ctrl-C.

  --prism   play the recorded fixtures back with Prism on 127.0.0.1:MOCK_PORT instead of the
            simulator (recorded truth: the same QR whatever is asked; see mock/README.md)
  --logs    print the gateway's JSON log here instead of writing it to LOG_FILE

Environment (all optional; see packages/gateway/README.md):
  PORT                     gateway port (default 8080; 0 = any free port)
  SIM_PORT                 simulator's first port (default 4020; 0 = any free ports; the other SIM_*
                           variables: pnpm sim --help)
  MOCK_PORT                Prism port with --prism (default 4010; 0 = any free port)
  DATABASE_URL             unset = ./data/gateway.sqlite, sqlite:PATH, or postgres://user@host:port/db
  GATEWAY_API_KEYS(_FILE)  raw keys or sha256:<hex>, comma/line separated; unset = a demo key is generated
                           and printed (the demo QR is only created with that key)
  ONELINK_BASE_URL         1LINK API base; unset = the local simulator (or Prism). When set, nothing
                           is started for 1LINK and ONELINK_TOKEN_URL, ONELINK_CLIENT_ID and
                           ONELINK_CLIENT_SECRET(_FILE) are required too
  ONELINK_AMOUNT_UNIT      rupees (default) or paisa: the unit 1LINK reads instructedAmount in
  ONELINK_TRANSACTION_TYPE paymentDetails.transactionType sent to 1LINK (default P2M)
  LOG_LEVEL                level of the gateway's JSON log (default info here)
  LOG_FILE                 where that log goes (default ./data/gateway.log)

Exit status: 0 after Ctrl-C/SIGTERM, 1 on a configuration or start-up error, 2 on a bad argument.`;

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log(USAGE);
  process.exit(0);
}
const unknown = args.find((a) => a !== '--prism' && a !== '--logs');
if (unknown !== undefined) {
  console.error(
    `pnpm start: unknown argument ${unknown} (it takes --prism and --logs; configure the rest with env variables)\n`,
  );
  console.error(USAGE);
  process.exit(2);
}
const usePrism = args.includes('--prism');
const logsHere = args.includes('--logs');

// Loaded once the arguments are known to be good: loading the gateway and the simulator takes seconds,
// and --help or a wrong argument needs neither.
const { renderTerminal } = await import('@onelink-kit/emvqr');
const { ConfigError, createGatewayLogger, describeDatabase, generateApiKey, parseConfig, startGateway } =
  await import('@onelink-kit/gateway');
const { parseSimConfig, SimConfigError, startSimulator } = await import('@onelink-kit/mock/sim');

const env: Record<string, string | undefined> = { ...process.env };
const bold = (s: string) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s);
const dim = (s: string) => (process.stdout.isTTY ? `\x1b[2m${s}\x1b[0m` : s);
const row = (label: string, value: string) => console.log(`${`${label}:`.padEnd(21)}${value}`);

// Ctrl-C while something is still starting must stop what started, and end with 0 like Ctrl-C later.
const stops: Array<() => Promise<void>> = [];
let stopping = false;
async function shutdown(code: number, why?: string): Promise<never> {
  if (why) console.log(`\n${why}`);
  for (const stop of stops.reverse()) {
    try {
      await stop();
    } catch (error) {
      console.error(`Could not stop cleanly: ${(error as Error).message}`);
    }
  }
  if (why) console.log('Stopped.');
  process.exit(code);
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void shutdown(
      0,
      `${signal === 'SIGINT' ? 'Ctrl-C' : 'SIGTERM'}: stopping the gateway (letting requests in flight finish) and the 1LINK ${usePrism ? 'mock' : 'simulator'} …`,
    );
  });
}

let demoKey: string | undefined;
if (!env.GATEWAY_API_KEYS && !env.GATEWAY_API_KEYS_FILE) {
  const generated = generateApiKey();
  demoKey = generated.key;
  // Only the hash is configured; the raw key exists in this process and on your screen.
  env.GATEWAY_API_KEYS = generated.hashed;
}
env.LOG_LEVEL ??= 'info';

/** `parse(values)`, or on the configuration error it names (`Refused`) one line and exit 1. */
function parseOrExit<T>(
  parse: (values: Record<string, string | undefined>) => T,
  Refused: new (...args: never[]) => Error,
  values: Record<string, string | undefined>,
): T {
  try {
    return parse(values);
  } catch (error) {
    if (error instanceof Refused) {
      console.error(`Configuration error: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}
const configFrom = (values: Record<string, string | undefined>) =>
  parseOrExit(parseConfig, ConfigError, values);

// Checked before anything starts, so a wrong variable is reported at once. parseConfig wants a real
// MOCK_PORT, so 0 (any free port) is resolved here: the gateway is configured with the port Prism got.
const anyMockPort = env.MOCK_PORT?.trim() === '0';
let config = configFrom(anyMockPort ? { ...env, MOCK_PORT: undefined } : env);
const mockPort = anyMockPort ? 0 : config.mockPort;
const simConfig = parseOrExit(parseSimConfig, SimConfigError, env);

const on = (port: number, any = 'a free port') => (port === 0 ? `127.0.0.1 (${any})` : `127.0.0.1:${port}`);
/** The variable of the port being bound, named when that port is taken. */
let binding = { variable: 'PORT', port: config.port };

try {
  if (config.upstream.isMock && usePrism) {
    console.log(`Starting Prism with the recorded 1LINK fixtures on ${on(mockPort)} (takes 5-20 s) …`);
    // Loaded only here: the mock's main entry brings the spec build and Prism with it.
    const { startOneLinkMock } = await import('@onelink-kit/mock');
    binding = { variable: 'MOCK_PORT', port: mockPort };
    const mock = await startOneLinkMock({ port: mockPort, host: '127.0.0.1' });
    stops.push(() => mock.stop());
    row('1LINK mock (Prism)', `${mock.url}  (recorded playback)`);
    config = configFrom({ ...env, MOCK_PORT: String(mock.port) });
  } else if (config.upstream.isMock) {
    console.log(`Starting the 1LINK simulator on ${on(simConfig.basePort, 'free ports')} …`);
    binding = { variable: 'SIM_PORT', port: simConfig.basePort };
    const sim = await startSimulator({ config: simConfig });
    stops.push(() => sim.stop());
    const qr = sim.server('1link-p2m-qr');
    row('1LINK simulator', `${qr.url}  (journal: ${qr.url}/__sim/requests)`);
    // The gateway's mock target is the simulator's 1LINK QR server.
    config = configFrom({ ...env, MOCK_PORT: String(qr.port) });
  } else {
    row('Upstream', `${config.upstream.baseUrl} (ONELINK_BASE_URL; nothing started for 1LINK)`);
  }
  if (stopping) await new Promise(() => {});

  console.log(`Starting the gateway on ${on(config.port)} …`);
  const logFile = path.resolve(env.LOG_FILE || 'data/gateway.log');
  let destination: NodeJS.WritableStream | undefined;
  if (!logsHere) {
    mkdirSync(path.dirname(logFile), { recursive: true });
    const stream = createWriteStream(logFile, { flags: 'a' });
    destination = stream;
    stops.push(() => new Promise<void>((resolve) => stream.end(resolve)));
  }
  const logger = createGatewayLogger(
    config.logLevel,
    destination as Parameters<typeof createGatewayLogger>[1],
  );
  binding = { variable: 'PORT', port: config.port };
  const gw = await startGateway(config, { logger });
  // The same drain as src/main.ts: long enough for a create in flight to get its answer and store it.
  stops.push(() => gw.close(2 * config.upstream.timeoutMs + 2_000));
  row('Gateway', `${gw.url}  (${describeDatabase(config.database)})`);
  const relativeLog = path.relative(process.cwd(), logFile);
  const shownLog = relativeLog.startsWith('..') ? logFile : relativeLog;
  row(
    'Gateway log',
    logsHere ? 'in this terminal (--logs)' : `${shownLog}  (JSON lines; --logs prints them here)`,
  );
  if (gw.recovered.length > 0) {
    row('Recovered', `${gw.recovered.length} transaction(s) left pending by a crash, now marked unknown`);
  }
  if (demoKey) {
    row('Demo API key', bold(demoKey));
    console.log(dim(`${' '.repeat(21)}(made for this run; set GATEWAY_API_KEYS to use your own)`));
    await demo(gw, demoKey);
  } else {
    row('API key', 'from GATEWAY_API_KEYS / GATEWAY_API_KEYS_FILE');
    console.log(dim('\nNo demo QR: this script does not know your API keys. Make one with:'));
    console.log(curlCreate(gw.url, '<your key>'));
  }
  console.log(`\nServing. ${bold('Ctrl-C')} stops everything.`);
} catch (error) {
  const message = (error as Error).message;
  // Prism's own message already names MOCK_PORT.
  const hint =
    /EADDRINUSE|already in use|port is in use/.test(message) && !message.includes(binding.variable)
      ? ` (${binding.variable}=${binding.port}: choose another port, or ${binding.variable}=0 for one the OS picks)`
      : '';
  console.error(`pnpm start could not start: ${message}${hint}`);
  await shutdown(1);
}

async function demo(gw: RunningGateway, key: string): Promise<void> {
  const body = demoRequest();
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
    console.log(
      `\nThe demo QR could not be made: HTTP ${res.status} ${answer.title ?? ''}. ${answer.detail ?? ''}`,
    );
    return;
  }
  const qr = answer.qr;
  const upstream = !config.upstream.isMock
    ? '1LINK'
    : usePrism
      ? 'the Prism mock (recorded playback)'
      : 'the 1LINK simulator';
  console.log(`\n${bold('Demo QR')}, made through the gateway; upstream is ${bold(upstream)}:`);
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
    console.log('\n  QR check: ok, the decoded QR matches the request.');
  } else {
    console.log('\n  QR check: the decoded QR differs from the request (stored and reported):');
    for (const m of qr.check.mismatches) {
      console.log(`    - ${m.field} [tag ${m.tag}]: sent ${m.expected ?? '∅'}, QR has ${m.actual ?? '∅'}`);
    }
    if (usePrism) {
      console.log(
        dim(
          '    Expected with --prism: Prism returns the recorded QR of the success fixture, with the\n' +
            "    fixture's RRN and expiry, not the ones the gateway sent. The simulator (pnpm start) builds it from the request.",
        ),
      );
    }
  }
  const png = `${gw.url}${answer.links.png}`;
  console.log(`\n  PNG:  ${png}`);
  console.log(`  SVG:  ${gw.url}${answer.links.svg}`);
  console.log('\n  Pages (open in a browser):');
  if (answer.links.pay) console.log(`    payer's page  ${gw.url}${answer.links.pay}`);
  console.log(`    console       ${gw.url}/console  (paste the API key above)`);
  console.log(`    API docs      ${gw.url}/docs`);
  console.log(`\n  Fetch the PNG:\n    curl -H 'Authorization: Bearer ${key}' -o qr.png ${png}`);
  console.log(`  Look it up:\n    curl -H 'Authorization: Bearer ${key}' ${gw.url}${answer.links.self}`);
  console.log(
    `  Reconciliation export:\n    curl -H 'Authorization: Bearer ${key}' '${gw.url}/v1/transactions?format=csv'`,
  );
  console.log(`  Another QR:\n${curlCreate(gw.url, key)}`);
}

function curlCreate(url: string, key: string): string {
  const body = JSON.stringify(demoRequest());
  return `    curl -X POST ${url}/v1/qr/merchant -H 'Authorization: Bearer ${key}' \\\n      -H 'Content-Type: application/json' -H "Idempotency-Key: $(date +%s)" \\\n      -d '${body}'`;
}

/**
 * The demo request is the merchant and payer of the recorded success fixture, so with --prism the
 * recorded QR agrees with it on everything the gateway does not allocate; valid for 15 minutes.
 */
function demoRequest(): Record<string, unknown> {
  const file = fileURLToPath(new URL('../mock/fixtures/generateDQRCMerchant/success.json', import.meta.url));
  const fixture = JSON.parse(readFileSync(file, 'utf8')) as {
    request: {
      body: {
        merchantDetails: unknown;
        payerDetails?: unknown;
        paymentDetails: { instructedAmount: number };
      };
    };
  };
  const sent = fixture.request.body;
  return {
    merchantDetails: sent.merchantDetails,
    ...(sent.payerDetails ? { payerDetails: sent.payerDetails } : {}),
    amount: sent.paymentDetails.instructedAmount,
    expiresInSeconds: 900,
    reference: 'pnpm-start-demo',
  };
}
