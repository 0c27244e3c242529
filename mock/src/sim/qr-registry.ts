import { type MerchantRegistryEntry, toRaastP2M } from '@onelink-kit/emvqr';
import type { FixtureBook } from './fixture-book.js';

/**
 * What 1LINK's merchant registry holds for aggregators' merchants (an aggregator request sends only
 * merchantID and subDept): learnt from the recorded aggregator success, whose QR carries the
 * registered IBAN, BIC, category, name and city of the merchant its request names. A merchant ID not
 * in it is unregistered, which 1LINK refuses.
 */
export function registryFromFixtures(book: FixtureBook): Map<string, MerchantRegistryEntry> {
  const registry = new Map<string, MerchantRegistryEntry>();
  for (const f of book.scenarios('generateDQRCAggregator')) {
    const body = f.fixture.response.body as { qrString?: unknown } | undefined;
    const request = f.fixture.request.body as { merchantDetails?: { merchantID?: unknown } } | undefined;
    const merchantId = request?.merchantDetails?.merchantID;
    if (
      f.fixture.response.status !== 200 ||
      typeof body?.qrString !== 'string' ||
      typeof merchantId !== 'string'
    ) {
      continue;
    }
    const view = toRaastP2M(body.qrString);
    registry.set(merchantId, {
      ...(view.raast?.iban ? { iban: view.raast.iban } : {}),
      ...(view.raast?.bankBic ? { bankBic: view.raast.bankBic } : {}),
      merchantCategoryCode: view.merchantCategoryCode,
      merchantName: view.merchantName,
      merchantCity: view.merchantCity,
    });
  }
  return registry;
}
