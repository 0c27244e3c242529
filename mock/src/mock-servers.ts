import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { buildMockSpec, scenarioOrder } from './build-mock-spec.js';
import { type FixtureFile, loadFixtures, mediaTypeOf } from './fixtures.js';
import { type PrismServer, startPrism } from './prism.js';
import { findOperation, loadSpecs, type OperationRef, type SpecEntry } from './spec-catalog.js';

function writeFileAtomic(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

/** Repository root (this file lives in mock/src/). */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DEFAULT_MOCK_PORT = 4010;

export interface MockLayout {
  repoRoot: string;
  specDir: string;
  fixturesDir: string;
  /** Where merged mock specs go (build output, gitignored: `mock/dist/`). */
  outDir: string;
  scenariosFile: string;
}

export function defaultLayout(repoRoot = REPO_ROOT): MockLayout {
  return {
    repoRoot,
    specDir: path.join(repoRoot, 'spec'),
    fixturesDir: path.join(repoRoot, 'mock', 'fixtures'),
    outDir: path.join(repoRoot, 'mock', 'dist'),
    scenariosFile: path.join(repoRoot, 'mock', 'SCENARIOS.md'),
  };
}

export interface ScenarioInfo {
  operationId: string;
  scenario: string;
  status: number;
  method: string;
  /** The operation's path in the spec, e.g. `/v1.0/get-auth-code`. */
  path: string;
  /** What the fixture's request asked for: the path with its query string, if any. */
  requestTarget: string;
  source: string;
  notes: string;
  file: string;
  requestHeaders: Record<string, string>;
  requestMediaType: string | undefined;
  hasRequestBody: boolean;
}

export interface BuiltMock {
  spec: SpecEntry;
  mockFile: string;
  portOffset: number;
  scenarios: ScenarioInfo[];
}

export interface FixtureIndex {
  specs: SpecEntry[];
  fixtures: FixtureFile[];
  /** Fixture → the operation it belongs to (by operationId, across all specs). */
  operations: Map<FixtureFile, OperationRef>;
  /** Fixtures whose operationId no spec defines. */
  orphans: FixtureFile[];
}

export function indexFixtures(layout: MockLayout): FixtureIndex {
  const specs = loadSpecs(layout.specDir, layout.repoRoot);
  const fixtures = loadFixtures(layout.fixturesDir);
  const operations = new Map<FixtureFile, OperationRef>();
  const orphans: FixtureFile[] = [];
  for (const f of fixtures) {
    const op = findOperation(specs, f.operationId);
    if (op) operations.set(f, op);
    else orphans.push(f);
  }
  return { specs, fixtures, operations, orphans };
}

/**
 * Writes one merged mock spec per spec carrying `x-onelink-mock-port-offset` into `layout.outDir`.
 * `portFor(offset)` decides the advertised server URL (the port Prism will actually use).
 */
export function buildMocks(
  layout: MockLayout,
  portFor: (offset: number) => number = (o) => DEFAULT_MOCK_PORT + o,
  host = '127.0.0.1',
): BuiltMock[] {
  const index = indexFixtures(layout);
  if (index.orphans.length > 0) {
    throw new Error(
      `fixtures for operations no spec defines:\n${index.orphans.map((o) => `  - ${path.relative(layout.repoRoot, o.file)}`).join('\n')}`,
    );
  }
  const byOffset = new Map<number, string>();
  for (const spec of index.specs) {
    if (spec.mockPortOffset === undefined) continue;
    const other = byOffset.get(spec.mockPortOffset);
    if (other) {
      throw new Error(
        `${spec.specFile} and ${other} both have x-onelink-mock-port-offset: ${spec.mockPortOffset}; each mocked spec needs its own port`,
      );
    }
    byOffset.set(spec.mockPortOffset, spec.specFile);
  }
  mkdirSync(layout.outDir, { recursive: true });
  const built: BuiltMock[] = [];
  for (const spec of index.specs) {
    if (spec.mockPortOffset === undefined) continue;
    const mine = index.fixtures.filter((f) => index.operations.get(f)?.spec === spec);
    const doc = buildMockSpec(spec, mine, {
      outDir: layout.outDir,
      serverUrl: `http://${host}:${portFor(spec.mockPortOffset)}`,
    });
    const mockFile = path.join(layout.outDir, `${spec.name}.mock.yaml`);
    // Write-then-rename: other processes (tests, pnpm start, pnpm mock) may build or read the same
    // file at the same time, and Prism must never read a half-written spec.
    writeFileAtomic(
      mockFile,
      `# Build output of pnpm mock:build from ${spec.specFile} + mock/fixtures. Do not edit.\n${stringify(doc, { aliasDuplicateObjects: false })}`,
    );
    built.push({
      spec,
      mockFile,
      portOffset: spec.mockPortOffset,
      scenarios: mine
        .map((f) => {
          const op = index.operations.get(f)!;
          return {
            operationId: f.operationId,
            scenario: f.scenario,
            status: f.fixture.response.status,
            method: op.method.toUpperCase(),
            path: op.path,
            requestTarget: f.fixture.request.path,
            source: f.fixture.provenance.source,
            notes: f.fixture.provenance.notes,
            file: path.relative(layout.repoRoot, f.file).split(path.sep).join('/'),
            requestHeaders: f.fixture.request.headers,
            requestMediaType: mediaTypeOf(f.fixture.request.headers),
            hasRequestBody: f.fixture.request.body !== undefined && f.fixture.request.body !== null,
          };
        })
        .sort((a, b) => a.operationId.localeCompare(b.operationId) || scenarioOrder(a.scenario, b.scenario)),
    });
  }
  return built;
}

export interface RunningMock extends BuiltMock {
  server: PrismServer;
}

export interface RunningMocks {
  mocks: RunningMock[];
  /** Stops every Prism started here. */
  stop(): Promise<void>;
}

export interface StartMocksOptions {
  layout?: MockLayout;
  /** Port for offset 0; each spec gets basePort + its offset. 0 = every Prism on an OS-chosen port. */
  basePort?: number;
  host?: string;
  /** Only start specs with these names (file name without .yaml), e.g. `['1link-p2m-qr']`. */
  only?: string[];
  readyTimeoutMs?: number;
}

/**
 * Builds the mock specs and starts one Prism per mocked spec, resolving once all are listening.
 * If any fails to start, the ones already running are stopped before the error is thrown.
 */
export async function startMocks(options: StartMocksOptions = {}): Promise<RunningMocks> {
  const layout = options.layout ?? defaultLayout();
  const basePort = options.basePort ?? DEFAULT_MOCK_PORT;
  const host = options.host ?? '127.0.0.1';
  const portFor = (offset: number) => (basePort === 0 ? 0 : basePort + offset);
  let built = buildMocks(layout, portFor, host);
  if (options.only) built = built.filter((b) => options.only!.includes(b.spec.name));
  const settled = await Promise.allSettled(
    built.map((b) =>
      startPrism({
        specFile: b.mockFile,
        port: portFor(b.portOffset),
        host,
        readyTimeoutMs: options.readyTimeoutMs,
      }),
    ),
  );
  const servers = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason as Error] : []));
  const stop = async () => {
    await Promise.all(servers.map((s) => s.stop()));
  };
  if (failed.length > 0) {
    await stop();
    throw new Error(failed.map((e) => e.message).join('\n'));
  }
  return { mocks: built.map((b, i) => ({ ...b, server: servers[i]! })), stop };
}

/** The 1LINK P2M QR mock alone (for `pnpm start` and tests): `{ url, stop }`. */
export async function startOneLinkMock(
  options: { port?: number; host?: string; layout?: MockLayout } = {},
): Promise<{ url: string; port: number; stop(): Promise<void> }> {
  const running = await startMocks({
    layout: options.layout,
    basePort: options.port ?? DEFAULT_MOCK_PORT,
    host: options.host,
    only: ['1link-p2m-qr'],
  });
  const m = running.mocks[0];
  if (!m) {
    await running.stop();
    throw new Error('spec/1link-p2m-qr.yaml is missing or has no x-onelink-mock-port-offset');
  }
  return { url: m.server.url, port: m.server.port, stop: running.stop };
}
