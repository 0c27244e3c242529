// Public entry of @onelink-kit/snap.
export {
  type AuthCodeResponse,
  type CallOptions,
  createSnapClient,
  type GetOAuthCodeInput,
  type GetOAuthCodeResult,
  type SnapClient,
  type SnapClientOptions,
  snapResponseCodes,
  type TokenSource,
} from './snap-client.js';
export { SnapApiError, type SnapFailure } from './snap-errors.js';
export {
  type AdditionalInfo,
  ExternalIdRegistry,
  formatSnapTimestamp,
  type SeamlessData,
  seamlessDataIssues,
  timestampIssues,
} from './snap-rules.js';
