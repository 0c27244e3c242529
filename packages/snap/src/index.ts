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
// snap-rules.ts is public as a whole: the request rules the spec cannot enforce, and their types.
export * from './snap-rules.js';
