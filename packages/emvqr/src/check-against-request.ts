import { type AmountUnit, qrBodyParts, rupeesTextOfInstructedAmount } from '@onelink-kit/core';
import { parseAmount, type RaastP2MView } from './raast-p2m.js';
import {
  amountText,
  cutChars,
  expiryDigits,
  isMerchantRequest,
  type OneLinkQrRequestLike,
  RAAST_P2M_GUI,
  requestTerminal,
} from './raast-request.js';

export interface RequestMismatch {
  /** The request field (or QR field, for fixed values) that disagrees, e.g. "merchantDetails.merchantID". */
  field: string;
  /** EMVCo tag path carrying it in the QR, e.g. "26.03". */
  tag: string;
  expected: string | null;
  actual: string | null;
  /** The mapping rule that was broken. */
  rule: string;
}

export interface CheckAgainstRequestOptions {
  /**
   * The unit the request's instructedAmount is in: 'rupees' (default) or 'paisa'. Tag 54 always shows
   * rupees, so a paisa amount is converted (core's one conversion) before comparing.
   */
  amountUnit?: AmountUnit;
}

/**
 * Compares a QR (as a Raast P2M view) with the 1LINK merchant or aggregator request it answers,
 * using the mapping in the package README. Returns every mismatch; an empty array means the QR matches.
 * Only fields the request carries are compared (aggregator requests lack IBAN, name and city).
 */
export function checkAgainstRequest(
  view: RaastP2MView,
  request: OneLinkQrRequestLike,
  options: CheckAgainstRequestOptions = {},
): RequestMismatch[] {
  const paisa = options.amountUnit === 'paisa';
  const out: RequestMismatch[] = [];
  const m = request.merchantDetails ?? {};
  const merchant = isMerchantRequest(request);
  const { paymentDetails: payment, info, paymentDetailsPath, infoPath } = qrBodyParts(request);
  const raastAccount = view.merchantAccounts.find((a) => a.tag === '26');

  const compare = (
    field: string,
    tag: string,
    expected: string | undefined,
    actual: string | undefined,
    rule: string,
  ): void => {
    if (expected === undefined) return;
    if (expected !== actual) out.push({ field, tag, expected, actual: actual ?? null, rule });
  };

  compare('pointOfInitiationMethod', '01', '12', view.pointOfInitiationMethod, 'dynamic QR: tag 01 = "12"');
  compare('transactionCurrency', '53', '586', view.currency.numeric, 'currency is PKR (586)');
  compare('countryCode', '58', 'PK', view.countryCode, 'country is PK');

  const instructed = payment?.instructedAmount;
  if (instructed !== undefined) {
    const expectedText = paisa ? rupeesTextOfInstructedAmount(instructed, 'paisa') : amountText(instructed);
    const field = `${paymentDetailsPath}.instructedAmount`;
    const actual = view.amount;
    if (expectedText === undefined) {
      out.push({
        field,
        tag: '54',
        expected: String(instructed),
        actual: actual?.text ?? null,
        rule: paisa
          ? 'instructedAmount is a whole number of paisa'
          : 'instructedAmount is a number of rupees',
      });
    } else if (actual === undefined || actual.totalPaisa !== parseAmount(expectedText).totalPaisa) {
      out.push({
        field,
        tag: '54',
        expected: expectedText,
        actual: actual?.text ?? null,
        rule: paisa
          ? 'amount equals instructedAmount (paisa, shown as rupees; compared numerically)'
          : 'amount equals instructedAmount (rupees, compared numerically)',
      });
    }
  }

  compare(
    'merchantAccountInformation.26.00',
    '26.00',
    RAAST_P2M_GUI,
    raastAccount?.globallyUniqueIdentifier,
    `tag 26 GUI is ${RAAST_P2M_GUI}`,
  );
  const accountField = (sub: string): string | undefined => raastAccount?.fields?.[sub];
  compare('merchantDetails.merchantID', '26.03', m.merchantID, accountField('03'), 'tag 26.03 = merchantID');
  if (merchant) {
    compare('merchantDetails.iban', '26.01', m.iban, accountField('01'), 'tag 26.01 = merchant IBAN');
    compare('merchantDetails.bankBic', '26.02', m.bankBic, accountField('02'), 'tag 26.02 = bank BIC');
    compare(
      'merchantDetails.merchantCategoryCode',
      '52',
      m.merchantCategoryCode,
      view.merchantCategoryCode,
      'tag 52 = merchantCategoryCode',
    );
    compare(
      'merchantDetails.dbaName',
      '59',
      m.dbaName === undefined ? undefined : cutChars(m.dbaName, 25),
      view.merchantName,
      'tag 59 = dbaName cut to 25 characters',
    );
    compare(
      'merchantDetails.postalAddress.townName',
      '60',
      m.postalAddress?.townName === undefined ? undefined : cutChars(m.postalAddress.townName, 15),
      view.merchantCity,
      'tag 60 = townName cut to 15 characters',
    );
  }
  compare(
    merchant ? 'merchantDetails.postalAddress.subDept' : 'merchantDetails.subDept',
    '62.07',
    requestTerminal(request),
    view.additionalData.terminalLabel,
    'tag 62.07 (terminal label) = subDept',
  );
  compare(
    `${infoPath}.rrn`,
    '62.05',
    info?.rrn,
    view.additionalData.referenceLabel,
    'tag 62.05 (reference label) = rrn',
  );
  const identification = request.payerDetails?.identificationDetails;
  compare(
    'payerDetails.identificationDetails.loyaltyNo',
    '62.04',
    identification?.loyaltyNo,
    view.additionalData.loyaltyNumber,
    'tag 62.04 = loyaltyNo',
  );
  compare(
    'payerDetails.identificationDetails.customerLabel',
    '62.06',
    identification?.customerLabel,
    view.additionalData.customerLabel,
    'tag 62.06 = customerLabel',
  );
  compare(
    'payerDetails.additionalRequiredDetails',
    '62.09',
    request.payerDetails?.additionalRequiredDetails || undefined,
    view.additionalData.additionalConsumerDataRequest,
    'tag 62.09 = additionalRequiredDetails',
  );
  const expiry = payment?.expiryDateTime;
  if (expiry !== undefined) {
    const field = `${paymentDetailsPath}.expiryDateTime`;
    compare(
      field,
      '80.01',
      expiryDigits(expiry) ?? expiry,
      view.expiry?.raw,
      'tag 80.01 = expiryDateTime as yyyyMMddHHmmss (PKT)',
    );
  }
  return out;
}
