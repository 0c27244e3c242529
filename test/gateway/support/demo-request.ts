import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseOneLinkDateTime } from '@onelink-kit/core';

/**
 * A gateway request built from the mock's success fixture (merchant details, payer details,
 * amount), so the recorded QR Prism returns matches it except for what the gateway allocates
 * (RRN) and, when the fixture's expiry is no longer inside the allowed window, the expiry.
 */
export function fixtureRequest(
  operationId: 'generateDQRCMerchant' | 'generateDQRCAggregator',
  now = Date.now(),
) {
  const file = fileURLToPath(new URL(`../../../mock/fixtures/${operationId}/success.json`, import.meta.url));
  interface Payment {
    expiryDateTime: string;
    instructedAmount: number | string;
  }
  interface Body {
    merchantDetails: unknown;
    contactDetails?: unknown;
    geoLocation?: unknown;
    paymentDetails?: Payment;
    payerDetails?: { paymentDetails?: Payment; info?: unknown; [key: string]: unknown };
  }
  const fixture = JSON.parse(readFileSync(file, 'utf8')) as {
    request: { body: Body };
    response: { body: { qrString: string; rrn: string } };
  };
  const body = fixture.request.body;
  const payment = (body.paymentDetails ?? body.payerDetails?.paymentDetails)!;
  const expiry = parseOneLinkDateTime(payment.expiryDateTime) ?? 0;
  // The client's window: at least 60 s ahead, at most 24 h.
  const usable = expiry > now + 120_000 && expiry < now + 23 * 3600_000;
  const { paymentDetails: _p, info: _i, ...payerRest } = body.payerDetails ?? {};
  const request: Record<string, unknown> = {
    merchantDetails: body.merchantDetails,
    ...(body.contactDetails ? { contactDetails: body.contactDetails } : {}),
    ...(body.geoLocation ? { geoLocation: body.geoLocation } : {}),
    ...(body.payerDetails
      ? { payerDetails: operationId === 'generateDQRCMerchant' ? body.payerDetails : payerRest }
      : {}),
    amount: Number(payment.instructedAmount),
    ...(usable ? { expiresAt: payment.expiryDateTime } : { expiresInSeconds: 900 }),
  };
  return { request, expiryMatches: usable, fixtureQr: fixture.response.body.qrString };
}
