import { genericBehaviour } from './generic-behaviour.js';
import { linkPaymentsBehaviour } from './link-payments.js';
import { oauthBehaviour } from './onelink-oauth.js';
import { qrBehaviour } from './onelink-qr.js';
import type { ApiBehaviour } from './sim-request.js';
import { snapBehaviour } from './snap.js';

/**
 * Which behaviour simulates each operation, by operationId (the key fixtures use too). An operation
 * not listed (a new mocked spec) is played back from its recordings, as Prism would.
 */
export function behaviourTable(): (operationId: string) => ApiBehaviour {
  const qr = qrBehaviour();
  const table: Record<string, ApiBehaviour> = {
    requestToken: oauthBehaviour,
    generateDQRCMerchant: qr,
    generateDQRCAggregator: qr,
    getOAuthCode: snapBehaviour,
    getTemplate: linkPaymentsBehaviour,
    getTemplateDetails: linkPaymentsBehaviour,
    createPaymentLink: linkPaymentsBehaviour,
    resendPaymentLink: linkPaymentsBehaviour,
    cancelPaymentLink: linkPaymentsBehaviour,
  };
  return (operationId) => table[operationId] ?? genericBehaviour;
}
