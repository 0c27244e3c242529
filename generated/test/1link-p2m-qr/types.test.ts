// Type tests: `pnpm typecheck` compiles this file, so every `@ts-expect-error` below must still be an error
// (an unused one fails the build) and every expectTypeOf must hold. They prove the generated types bite.
import { describe, expectTypeOf, it } from 'vitest';
import type {
  ApiClient,
  ApiResponse,
  components,
  ErrorResponse,
  OperationId,
  RequestBody,
  SuccessResponse,
} from '../../src/1link-p2m-qr/index.js';
import { operationIds } from '../../src/1link-p2m-qr/index.js';

type Schemas = components['schemas'];

const merchantBody = {
  merchantDetails: {
    dbaName: 'Chai Corner',
    merchantName: 'Chai Corner Pvt Ltd',
    iban: 'PK36SCBL0000001123456702',
    bankBic: 'SCBLPK',
    merchantCategoryCode: '5812',
    merchantID: 'M000123',
    postalAddress: { townName: 'Karachi', addressLine: 'Shop 4, Tariq Road', subDept: '0001' },
  },
  paymentDetails: { expiryDateTime: '2026-11-22T10:15:00', instructedAmount: 310, transactionType: 'P2M' },
  info: { stan: '123456', rrn: '000000000001' },
} satisfies RequestBody<'generateDQRCMerchant'>;

describe('generated 1link-p2m-qr types', () => {
  it('names every operation and maps bodies to the component schemas', () => {
    expectTypeOf<OperationId>().toEqualTypeOf<
      'requestToken' | 'generateDQRCMerchant' | 'generateDQRCAggregator'
    >();
    expectTypeOf(operationIds).toEqualTypeOf<
      readonly ['requestToken', 'generateDQRCMerchant', 'generateDQRCAggregator']
    >();
    expectTypeOf<RequestBody<'generateDQRCMerchant'>>().toEqualTypeOf<Schemas['MerchantRequest']>();
    expectTypeOf<RequestBody<'generateDQRCAggregator'>>().toEqualTypeOf<Schemas['AggregatorRequest']>();
    expectTypeOf<RequestBody<'requestToken'>>().toEqualTypeOf<Schemas['TokenRequest']>();
  });

  it('gives body-only operations a (body, init?) method returning openapi-fetch results', () => {
    expectTypeOf<ApiClient['generateDQRCMerchant']>()
      .parameter(0)
      .toEqualTypeOf<RequestBody<'generateDQRCMerchant'>>();
    expectTypeOf<ApiClient['generateDQRCAggregator']>()
      .parameter(0)
      .toEqualTypeOf<RequestBody<'generateDQRCAggregator'>>();
    expectTypeOf<ApiClient['generateDQRCMerchant']>().returns.resolves.toEqualTypeOf<
      ApiResponse<'generateDQRCMerchant'>
    >();
    expectTypeOf<ApiResponse<'generateDQRCMerchant'>['response']>().toEqualTypeOf<Response>();
  });

  it('types success and error responses', () => {
    expectTypeOf<SuccessResponse<'generateDQRCMerchant'>>()
      .toHaveProperty('qrString')
      .toEqualTypeOf<string>();
    expectTypeOf<SuccessResponse<'generateDQRCMerchant'>>().toHaveProperty('rrn').toEqualTypeOf<string>();
    expectTypeOf<SuccessResponse<'generateDQRCAggregator'>>()
      .toHaveProperty('responseCode')
      .toEqualTypeOf<string>();
    expectTypeOf<SuccessResponse<'requestToken'>>().toHaveProperty('access_token').toEqualTypeOf<string>();
    expectTypeOf<SuccessResponse<'requestToken'>>().toHaveProperty('expires_in').toEqualTypeOf<number>();
    // 4xx/5xx bodies: 1LINK response-code errors and IBM API Connect gateway errors.
    expectTypeOf<Schemas['ResponseCodeError']>().toExtend<ErrorResponse<'generateDQRCMerchant'>>();
    expectTypeOf<Schemas['GatewayError']>().toExtend<ErrorResponse<'generateDQRCMerchant'>>();
    expectTypeOf<Schemas['OAuthError']>().toExtend<ErrorResponse<'requestToken'>>();
    // A success body is not an error body: qrString only exists on success.
    expectTypeOf<ErrorResponse<'generateDQRCMerchant'>>().not.toEqualTypeOf<
      SuccessResponse<'generateDQRCMerchant'>
    >();
  });

  it('rejects a wrong field name in generateDQRCMerchant and generateDQRCAggregator bodies', () => {
    const merchant: RequestBody<'generateDQRCMerchant'> = {
      ...merchantBody,
      merchantDetails: {
        ...merchantBody.merchantDetails,
        // @ts-expect-error merchantNme is not a MerchantDetails field
        merchantNme: 'typo',
      },
    };
    const aggregator: RequestBody<'generateDQRCAggregator'> = {
      merchantDetails: {
        merchantID: 'M000123',
        subDept: '0001',
        // @ts-expect-error dbaName is a merchant-request field, not an aggregator one
        dbaName: 'Chai Corner',
      },
    };
    const topLevel: RequestBody<'generateDQRCAggregator'> = {
      // @ts-expect-error aggregator paymentDetails sit inside payerDetails, not at the top level
      paymentDetails: {
        expiryDateTime: '2026-11-22T10:15:00',
        instructedAmount: 310,
        transactionType: 'P2M',
      },
    };
    expectTypeOf([merchant, aggregator, topLevel]).toBeArray();
  });

  it('rejects a too-wide type (number where string, string where integer)', () => {
    const stanAsNumber: RequestBody<'generateDQRCMerchant'> = {
      ...merchantBody,
      // @ts-expect-error stan is a digit string, not a number
      info: { stan: 123456, rrn: '000000000001' },
    };
    const amountAsString: RequestBody<'generateDQRCMerchant'> = {
      ...merchantBody,
      paymentDetails: {
        ...merchantBody.paymentDetails,
        // @ts-expect-error the merchant instructedAmount is an integer; only the aggregator's is loosely typed
        instructedAmount: '310',
      },
    };
    const anyGrant: string = 'password';
    const token: RequestBody<'requestToken'> = {
      // @ts-expect-error grant_type is the literal client_credentials, a plain string is too wide
      grant_type: anyGrant,
      client_id: 'id',
      client_secret: 'not-a-secret',
      scope: '1LinkApi',
    };
    // The aggregator quirk is kept: its instructedAmount takes "310" as well as 310.
    expectTypeOf<Schemas['AggregatorPaymentDetails']['instructedAmount']>().toEqualTypeOf<number | string>();
    expectTypeOf([stanAsNumber, amountAsString, token]).toBeArray();
  });

  it('rejects a missing required field', () => {
    const { iban: _iban, ...withoutIban } = merchantBody.merchantDetails;
    const noIban: RequestBody<'generateDQRCMerchant'> = {
      ...merchantBody,
      // @ts-expect-error iban is required in merchantDetails
      merchantDetails: withoutIban,
    };
    const noRrn: RequestBody<'generateDQRCMerchant'> = {
      ...merchantBody,
      // @ts-expect-error info.rrn is required
      info: { stan: '123456' },
    };
    const noSubDept: RequestBody<'generateDQRCAggregator'> = {
      // @ts-expect-error merchantDetails.subDept is required for aggregators
      merchantDetails: { merchantID: 'M000123' },
    };
    const noExpiry: RequestBody<'generateDQRCAggregator'> = {
      merchantDetails: { merchantID: 'M000123', subDept: '0001' },
      payerDetails: {
        // @ts-expect-error payerDetails.paymentDetails.expiryDateTime is required
        paymentDetails: { instructedAmount: '310', transactionType: 'P2M' },
      },
    };
    expectTypeOf([noIban, noRrn, noSubDept, noExpiry]).toBeArray();
  });
});
