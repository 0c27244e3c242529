// pnpm mock — build the mock specs and serve each mocked spec with Prism on 127.0.0.1:MOCK_PORT+offset.
import path from 'node:path';
import {
  buildAll,
  DEFAULT_MOCK_PORT,
  defaultLayout,
  formatDriftReport,
  type RunningMocks,
  startMocks,
} from '@onelink-kit/mock';

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  console.log(`usage: [MOCK_PORT=4010] pnpm mock

Validates the fixtures, builds mock/dist and starts one Prism 5.14.2 per spec with
x-onelink-mock-port-offset on 127.0.0.1:MOCK_PORT+offset (MOCK_PORT=0: free ports, printed at
start). Ctrl-C stops them all. Exits 1 if a fixture no longer validates or a port is taken.
Scenarios and the Prefer header for each: mock/SCENARIOS.md`);
  process.exit(0);
}

const basePort = process.env.MOCK_PORT ? Number(process.env.MOCK_PORT) : DEFAULT_MOCK_PORT;
// MOCK_PORT=0 lets the OS pick every port (tests); the real ports are printed below.
if (!Number.isInteger(basePort) || basePort < 0 || basePort > 65535) {
  console.error(`MOCK_PORT must be a port number (0-65535), got "${process.env.MOCK_PORT}"`);
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
if (pre.scenariosStale)
  console.log('note: mock/SCENARIOS.md is out of date; run pnpm mock:build and commit it');
// Handlers first: a Ctrl-C while Prism is still starting must not leave servers behind.
let stopping = false;
let running: RunningMocks | undefined;
const shutdown = (signal: string) => {
  if (stopping) return;
  stopping = true;
  if (!running) {
    console.log(`${signal}: stopping once the servers that are starting are up`);
    return;
  }
  console.log(`${signal}: stopping ${running.mocks.length} Prism server(s)`);
  void running.stop().then(() => process.exit(0));
};
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));

console.log('starting Prism (one per mocked spec)…');
try {
  running = await startMocks({ layout, basePort });
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}
if (stopping) {
  await running.stop();
  process.exit(0);
}
for (const m of running.mocks) {
  console.log(`${m.spec.specFile.padEnd(28)} ${m.server.url}  (${m.scenarios.length} scenarios)`);
}
console.log(
  `scenarios: ${path.relative(process.cwd(), layout.scenariosFile) || layout.scenariosFile}  — Ctrl-C to stop`,
);
