/**
 * The transactionType sent when the caller does not choose one. The 1LINK document's examples use
 * "P2M"; public integrations also send "064", so clients and the gateway take it as configuration
 * with this default, set in one place.
 */
export const DEFAULT_TRANSACTION_TYPE = 'P2M';
