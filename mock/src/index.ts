// @onelink-kit/mock — the 1LINK mock: fixtures, their validation against the specs, the Prism servers
// that serve them, the synthetic-fixture generator and the sandbox recorder. Scripts and tests import
// it only from here:
//   import { startOneLinkMock } from '@onelink-kit/mock';
//   const mock = await startOneLinkMock({ port: 0 }); … await mock.stop();

// Re-exported (not a copy) so test/spec can reach the one OpenAPI Ajv until it imports @onelink-kit/core.
export { createOpenApiAjv } from '@onelink-kit/core';
export { type BuildResult, buildAll } from './build-all.js';
export {
  type BuildMockSpecOptions,
  buildMockSpec,
  PRIMARY_SCENARIOS,
  scenarioOrder,
} from './build-mock-spec.js';
export { type CliIo, MOCK_BUILD_USAGE, runMockBuild } from './cli/mock-build.js';
export { MOCK_FIXTURES_USAGE, runMockFixtures } from './cli/mock-fixtures.js';
export { RECORD_USAGE, runRecord } from './cli/record.js';
export {
  checkFixtureDrift,
  type DriftReport,
  type FixtureProblem,
  formatDriftReport,
} from './drift-check.js';
export {
  type Fixture,
  type FixtureFile,
  type FixtureProvenance,
  type FixtureRequest,
  type FixtureResponse,
  type FixtureSource,
  fixturePath,
  headerValue,
  loadFixtures,
  mediaTypeOf,
  SCENARIO_NAME,
  serializeFixture,
  writeFixture,
} from './fixtures.js';
export {
  type BuiltMock,
  buildMocks,
  DEFAULT_MOCK_PORT,
  defaultLayout,
  type FixtureIndex,
  indexFixtures,
  type MockLayout,
  REPO_ROOT,
  type RunningMock,
  type RunningMocks,
  type ScenarioInfo,
  type StartMocksOptions,
  startMocks,
  startOneLinkMock,
} from './mock-servers.js';
export { formatIssues, OpenApiValidator, type ValidationIssue } from './openapi-validator.js';
export { type PrismServer, type StartPrismOptions, startPrism } from './prism.js';
export {
  type CaptureFinding,
  type CaptureInput,
  type CaptureReport,
  captureFinding,
  formatCaptureReport,
  writeCaptureReport,
} from './record/capture-report.js';
export { maskCnic, maskEmail, maskIban, maskPhone } from './record/pii-masks.js';
export { NOT_RECORDABLE, RECORDABLE } from './record/recordable.js';
export {
  RECORDER_TOOL,
  type RecordOptions,
  type RecordOutcome,
  recordFixtures,
} from './record/recorder.js';
export { scrubHeaders, scrubText, scrubValue } from './record/scrub.js';
export {
  assertNoSecrets,
  findSecretLeaks,
  PLACEHOLDERS,
  SecretLeakError,
  type SecretValue,
} from './record/secrets.js';
export { createThrottle, type Throttle, type ThrottleClock } from './record/throttle.js';
export { curlExample, preferHeader, renderScenariosMd } from './scenarios-md.js';
export {
  DEFAULT_SIM_PORT,
  type JournalEntry,
  MAX_DELAY_MS,
  type Preference,
  parsePrefer,
  parseSimConfig,
  pktDayOf,
  type RunningSimulator,
  runSim,
  SIM_BODY_LIMIT_BYTES,
  SIM_FAULTS,
  SIM_USAGE,
  type SimConfig,
  SimConfigError,
  type SimFault,
  type SimIo,
  type SimServer,
  SimState,
  type StartSimulatorOptions,
  startOneLinkSim,
  startSimulator,
} from './sim/index.js';
export {
  findOperation,
  listOperations,
  loadSpec,
  loadSpecs,
  MOCK_PORT_OFFSET_EXTENSION,
  type OperationRef,
  type SpecDocument,
  type SpecEntry,
} from './spec-catalog.js';
export { SIGNED_FIXTURE_TOOL, type SyntheticFixture } from './synthetic/common.js';
export {
  buildSyntheticFixtures,
  SYNTHETIC_BUILDERS,
  type SyntheticFixtureOutcome,
  writeSyntheticFixtures,
} from './synthetic/index.js';
export { linkPaymentsFixtures, TEST_LINK_HASH_KEY } from './synthetic/link-payments.js';
export { ONELINK_QR_FIXTURE_TOOL, oneLinkQrFixtures } from './synthetic/onelink-qr.js';
export { snapFixtures, TEST_SNAP_CLIENT_SECRET } from './synthetic/snap.js';
export { responseSchemaOf, type UndeclaredField, undeclaredFields } from './undeclared-fields.js';
