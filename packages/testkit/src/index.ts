// Public entry of @onelink-kit/testkit: what the tests of every package share. A devDependency only.
export { type CapturedIo, captureIo } from './cli-io.js';
export { closedPortUrl, freePort } from './closed-port.js';
export { startFakeOneLink } from './fake-one-link/server.js';
export type {
  FakeOneLink,
  FakeOneLinkOptions,
  FakeOperation,
  FakeReply,
  FakeResponder,
  FakeTarget,
  SeenRequest,
} from './fake-one-link/types.js';
export {
  hangingFetch,
  notJsonFetch,
  type RecordedRequest,
  recordingFetch,
  refusedFetch,
} from './fetch-doubles.js';
export { captureLogs, type LogCapture } from './log-capture.js';
export { createTestSchema, findPostgres, type TestSchema } from './postgres.js';
export {
  childEnv,
  gatewayListeningUrl,
  type ProcessOptions,
  type Run,
  type RunningProcess,
  runProcess,
  startProcess,
  waitUntil,
} from './process.js';
export { decodeQrPng } from './qr-png.js';
export {
  aggregatorBody,
  fullAggregatorRequest,
  fullMerchantRequest,
  type GatewayAggregatorRequest,
  type GatewayMerchantRequest,
  gatewayAggregatorRequest,
  gatewayMerchantRequest,
  merchantBody,
} from './requests/builders.js';
export {
  type GatewayExampleName,
  gatewayExample,
  gatewayProblem,
  type OneLinkExampleName,
  oneLinkExample,
} from './requests/spec-examples.js';
export { withField } from './requests/with-field.js';
export { makeTempDir, type TempDir, tempDirPerTest } from './temp-dir.js';
export { rejectedBy, thrownBy } from './thrown-by.js';
export { type TransportCall, transportFailureTests } from './transport-failures.js';
