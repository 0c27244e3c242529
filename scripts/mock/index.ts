// Programmatic entry for the mock and its checks (used by `pnpm start`, tests and scripts):
//   import { startOneLinkMock } from '../scripts/mock/index.js';
//   const mock = await startOneLinkMock({ port: 0 }); … await mock.stop();
export { buildMockSpec, PRIMARY_SCENARIOS, scenarioOrder } from './build-mock-spec.js';
export { checkFixtureDrift, type DriftReport, formatDriftReport } from './drift-check.js';
export { type Fixture, type FixtureFile, loadFixtures, writeFixture } from './fixtures.js';
export {
  type BuiltMock,
  buildMocks,
  DEFAULT_MOCK_PORT,
  defaultLayout,
  type MockLayout,
  type RunningMocks,
  type StartMocksOptions,
  startMocks,
  startOneLinkMock,
} from './mock-servers.js';
export { OpenApiValidator, type ValidationIssue } from './openapi-validator.js';
export { type PrismServer, startPrism } from './prism.js';
export { preferHeader } from './scenarios-md.js';
