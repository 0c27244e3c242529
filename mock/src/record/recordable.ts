// Which scenarios `pnpm record` provokes against a real 1LINK environment, and which it never will.

/** What each scenario expects upstream to answer; a different answer is reported, not written. */
export const RECORDABLE: Record<string, Record<string, number>> = {
  requestToken: { success: 200, 'invalid-client': 401 },
  generateDQRCMerchant: { success: 200, 'validation-error': 400, 'duplicate-rrn': 409, unauthorized: 401 },
  generateDQRCAggregator: { success: 200, 'validation-error': 400, 'duplicate-rrn': 409, unauthorized: 401 },
};

/**
 * Scenarios we will not provoke against a real environment: it would take load or luck, and 1LINK's
 * sandbox terms forbid performance, load and stress tests.
 */
export const NOT_RECORDABLE: Record<string, string> = {
  'rate-limited': 'would need a burst of requests, which 1LINK terms forbid; stays synthetic',
  'server-error': 'cannot be provoked on purpose; stays synthetic',
};
