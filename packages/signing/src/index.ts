export { constantTimeEqual, signatureMatches } from './constant-time.js';
export {
  type LinkCreateSignatureInput,
  type LinkInvoiceSignatureInput,
  type LinkSignature,
  type LinkSignatureInput,
  LinkSignatureInputError,
  linkStringToSign,
  PASSWORD_MASK,
  signLink,
  verifyLink,
} from './link-signature.js';
export {
  minifyJsonBody,
  type SnapSignature,
  type SnapSignatureInput,
  SnapSignatureInputError,
  signSnap,
  snapStringToSign,
  verifySnap,
} from './snap-signature.js';
