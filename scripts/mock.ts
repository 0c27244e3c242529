// pnpm mock — build the mock specs and serve each mocked spec with Prism on 127.0.0.1:MOCK_PORT+offset.
import path from 'node:path';
import type { RunningMocks } from '@onelink-kit/mock';

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  console.log(`usage: [MOCK_PORT=4010] pnpm mock

Validates the fixtures, builds mock/dist and starts one Prism 5.14.2 per spec with
x-onelink-mock-port-offset on 127.0.0.1:MOCK_PORT+offset (MOCK_PORT=0: free ports, printed at
start). Prism plays the recorded fixtures back as they are; pnpm sim answers with behaviour
(mock/README.md says when to use which). Ctrl-C stops them all and exits 0. Exits 1 if a
fixture no longer validates or a port is taken.
Scenarios and the Prefer header for each: mock/SCENARIOS.md`);
  process.exit(0);
}

const started = performance.now();
const seconds = () => ((performance.now() - started) / 1000).toFixed(1);
// Handlers first: a Ctrl-C while Prism is still starting must not leave servers behind, and ends with 0.
let stopping = false;
let running: RunningMocks | undefined;
const shutdown = (signal: string) => {
  if (stopping) return;
  stopping = true;
  const what = signal === 'SIGINT' ? 'Ctrl-C' : signal;
  if (!running) {
    console.log(`\n${what}: stopping as soon as the Prism servers that are starting are up …`);
    return;
  }
  console.log(`\n${what}: stopping ${running.mocks.length} Prism server(s) …`);
  void running.stop().then(() => {
    console.log('Stopped.');
    process.exit(0);
  });
};
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));

console.log('Checking the fixtures against the specs …');
// Loaded after the first line: the mock package brings the spec tooling, which takes a few seconds.
const { buildAll, DEFAULT_MOCK_PORT, defaultLayout, formatDriftReport, startMocks } = await import(
  '@onelink-kit/mock'
);
const basePort = process.env.MOCK_PORT ? Number(process.env.MOCK_PORT) : DEFAULT_MOCK_PORT;
// MOCK_PORT=0 lets the OS pick every port (tests); the real ports are printed below.
if (!Number.isInteger(basePort) || basePort < 0 || basePort > 65535) {
  console.error(`MOCK_PORT must be a port number from 0 to 65535, got "${process.env.MOCK_PORT}"`);
  process.exit(2);
}

const layout = defaultLayout();
// Validate first (check mode: writes nothing in the repository); startMocks then writes mock/dist.
// SCENARIOS.md is left to pnpm mock:build, so running the mock never edits committed docs.
const pre = buildAll(layout, { check: true });
if (pre.drift.problems.length > 0) {
  console.error(formatDriftReport(pre.drift));
  process.exit(1);
}
if (pre.scenariosStale) {
  console.log('Note: mock/SCENARIOS.md is out of date; run pnpm mock:build and commit it.');
}
const where = basePort === 0 ? 'free ports' : `127.0.0.1:${basePort} and up`;
console.log(`Starting Prism for ${pre.built.length} spec(s) on ${where} (Prism takes 5-20 s to start) …`);
const ticker = setInterval(() => console.log(`  still starting (${seconds()} s) …`), 5_000);
try {
  running = await startMocks({ layout, basePort });
} catch (err) {
  clearInterval(ticker);
  console.error(`pnpm mock could not start Prism: ${(err as Error).message}`);
  process.exit(1);
}
clearInterval(ticker);
if (stopping) {
  await running.stop();
  console.log('Stopped.');
  process.exit(0);
}
for (const m of running.mocks) {
  console.log(`${m.spec.specFile.padEnd(28)} ${m.server.url}  (${m.scenarios.length} scenarios)`);
}
console.log(`Ready in ${seconds()} s.`);
console.log(
  `scenarios: ${path.relative(process.cwd(), layout.scenariosFile) || layout.scenariosFile}  — Ctrl-C to stop`,
);
