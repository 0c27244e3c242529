import {
  type AggregatorQrInput,
  type AggregatorQrRequest,
  formatOneLinkDateTime,
  type MerchantQrInput,
  type MerchantQrRequest,
  type StanRrn,
  withPaymentDetails,
  withStanRrn,
} from '@onelink-kit/core';
import type { gateway } from '@onelink-kit/generated';
import { gatewayExample, oneLinkExample } from './spec-examples.js';

// Every body here is a spec example with only what a test on any day needs changed: the examples'
// fixed expiry lies in the past, so it moves to `now` + ten minutes (inside 1LINK's window).
const TEN_MINUTES_MS = 10 * 60_000;

/** The spec's MerchantRequestMinimal without stan/rrn, expiring ten minutes after `now`. */
export function merchantBody(now = Date.now()): MerchantQrInput {
  const { info: _ids, ...body } = oneLinkExample('MerchantRequestMinimal');
  return withPaymentDetails('merchant', body, {
    ...body.paymentDetails,
    expiryDateTime: formatOneLinkDateTime(now + TEN_MINUTES_MS),
  });
}

/** The spec's AggregatorRequestIntegerAmount without stan/rrn (they nest under payerDetails), expiring at `now` + 10 min. */
export function aggregatorBody(now = Date.now()): AggregatorQrInput {
  const example = oneLinkExample('AggregatorRequestIntegerAmount');
  const { info: _ids, ...payerDetails } = example.payerDetails;
  return withPaymentDetails(
    'aggregator',
    { ...example, payerDetails },
    { ...payerDetails.paymentDetails, expiryDateTime: formatOneLinkDateTime(now + TEN_MINUTES_MS) },
  );
}

/** The spec's MerchantRequestSuccess (every field set) with these stan/rrn; expiry at `now` + 10 min. */
export function fullMerchantRequest(ids: StanRrn, now = Date.now()): MerchantQrRequest {
  const example = oneLinkExample('MerchantRequestSuccess');
  const body = withPaymentDetails('merchant', example, {
    ...example.paymentDetails,
    expiryDateTime: formatOneLinkDateTime(now + TEN_MINUTES_MS),
  });
  return withStanRrn('merchant', body, ids);
}

/** The spec's AggregatorRequestSuccess (amount as a string) with these stan/rrn; expiry at `now` + 10 min. */
export function fullAggregatorRequest(ids: StanRrn, now = Date.now()): AggregatorQrRequest {
  const example = oneLinkExample('AggregatorRequestSuccess');
  const body = withPaymentDetails('aggregator', example, {
    ...example.payerDetails.paymentDetails,
    expiryDateTime: formatOneLinkDateTime(now + TEN_MINUTES_MS),
  });
  return withStanRrn('aggregator', body, ids);
}

export type GatewayMerchantRequest = gateway.components['schemas']['CreateMerchantQrRequest'];
export type GatewayAggregatorRequest = gateway.components['schemas']['CreateAggregatorQrRequest'];

/** The gateway spec's CreateMerchantQrRequestExample, its fixed expiresAt replaced by 15 minutes. */
export function gatewayMerchantRequest(): GatewayMerchantRequest {
  const { expiresAt: _fixed, ...request } = gatewayExample('CreateMerchantQrRequestExample');
  return { ...request, expiresInSeconds: 900 };
}

/** The gateway spec's CreateAggregatorQrRequestExample (15 minutes, relative). */
export function gatewayAggregatorRequest(): GatewayAggregatorRequest {
  return gatewayExample('CreateAggregatorQrRequestExample');
}
