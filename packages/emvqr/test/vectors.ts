/**
 * Published EMVCo MPM payloads from national schemes, used as test data only (payload strings, no
 * code). Each names where it was published; every CRC was recomputed by our own crc16 in the tests.
 */
export interface PublicVector {
  name: string;
  source: string;
  payload: string;
  /** Options the scheme needs where it departs from EMVCo (see `problemsWithoutOptions`). */
  options?: { payloadFormatIndicators?: string[]; optionalTags?: string[] };
  /** Problem codes (tag) plain EMVCo verification reports for this scheme's documented deviation. */
  problemsWithoutOptions?: string[];
  want: Record<string, string>;
}

export const PUBLIC_VECTORS: PublicVector[] = [
  {
    name: 'EMVCo MPM v1.1 specification example (Chinese language template 64)',
    // EMV QRCPS Merchant-Presented Mode v1.1, Appendix A example; as quoted verbatim in
    // github.com/ericsalim/exemvi test/mpm_test.exs (@official_sample).
    source: 'EMVCo MPM v1.1 Appendix A; github.com/ericsalim/exemvi test/mpm_test.exs',
    payload:
      '00020101021229300012D156000000000510A93FO3230Q31280012D15600000001030812345678520441115802CN5914BEST TRANSPORT6007BEIJING64200002ZH0104最佳运输0202北京540523.7253031565502016233030412340603***0708A60086670902ME91320016A0112233449988770708123456786304A13A',
    want: {
      '59': 'BEST TRANSPORT',
      '64.01': '最佳运输',
      '64.02': '北京',
      '54': '23.72',
      '62.07': 'A6008667',
      '63': 'A13A',
    },
  },
  {
    name: 'Brazil Pix BR Code, static (BCB manual example)',
    // Banco Central do Brasil, Manual de Padrões para Iniciação do Pix (static QR example,
    // https://www.bcb.gov.br/content/estabilidadefinanceira/pix/Regulamento_Pix/II_ManualdePadroesparaIniciacaodoPix_versao2-3-0.pdf),
    // quoted verbatim by many public Pix libraries' tests.
    source: 'BCB Manual de Padrões para Iniciação do Pix, static example',
    payload:
      '00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***63041D3D',
    want: {
      '26.00': 'br.gov.bcb.pix',
      '26.01': '123e4567-e12b-12d1-a456-426655440000',
      '59': 'Fulano de Tal',
      '63': '1D3D',
    },
  },
  {
    name: 'Brazil Pix BR Code with amount (Stark Infra API docs)',
    // Stark Infra API reference, "Create static brcodes" response example,
    // https://developers.qodex.ai/stark-bank-s-public/stark-infra-api/pix-static-brcode/create-static-brcodes
    source: 'Stark Infra API docs, create static brcodes (response example)',
    payload:
      '00020126360014br.gov.bcb.pix0114+554199999999952040000530398654041.005802BR5915Jamie Lannister6009Sao Paulo621005061234566304A63E',
    want: { '54': '1.00', '53': '986', '60': 'Sao Paulo', '62.05': '123456', '63': 'A63E' },
  },
  {
    name: 'Singapore PayNow (SGQR) with expiry and reference',
    // github.com/VirgilZhao/paynow README.md, usage example output.
    source: 'github.com/VirgilZhao/paynow README.md',
    payload:
      '00020101021226470009SG.PAYNOW010120208123456780301004082026030452040000530370254040.995802SG5911testcompany6009Singapore62270123testordernumber1234567863040047',
    want: {
      '26.00': 'SG.PAYNOW',
      '26.04': '20260304',
      '54': '0.99',
      '62.01': 'testordernumber12345678',
      '63': '0047',
    },
  },
  {
    name: 'Singapore PayNow + SGQR templates 26 and 51 (real merchant sticker)',
    // github.com/poonchuanan/Python-PayNow-QR-Code-Generator README.md ("Example:"), mirrored at
    // https://gitblind.noratr.app/poonchuanan/Python-PayNow-QR-Code-Generator
    source: 'github.com/poonchuanan/Python-PayNow-QR-Code-Generator README.md',
    payload:
      '00020101021126430009SG.PAYNOW010120210T04SS0129D030110502QS51810007SG.SGQR011221073031741D020701.000103066003160402010503279060400000708202107305204000053037025802SG5925LOVING HEART MULTI-SERVIC6009Singapore6304A177',
    want: { '51.00': 'SG.SGQR', '59': 'LOVING HEART MULTI-SERVIC', '63': 'A177' },
  },
  {
    name: 'Singapore SGQR multi-scheme example (1042 characters, 20 merchant account templates)',
    // Victor Liew, "A quick guide on how SGQR code works", 2023,
    // https://victor.medium.com/a-quick-guide-into-how-sgqr-code-works-126e20bad640
    source: 'victor.medium.com, A quick guide on how SGQR code works',
    payload:
      '00020101021102164761360000000*1704155123456789123451110123456789012153123456789012341531250003440001034450003445311000126330015SG.COM.DASH.WWW0110000005550127670014A00000076200010120COM.LQDPALLIANCE.WWW021512345678901234503020028660011SG.COM.OCBC0147OCBCP2P629A358D-ECE7-4554-AD56-EBD12D84CA7E4F7329500006SG.EZI013603600006-76bb-4a5a-aa1a-fbcb64d6ecf530850013SG.COM.EZLINK01201234567890123456-1230204SGQR0324A123456,B123456,C12345670404A23X31260008COM.GRAB0110A93FO3230Q32390007COM.DBS011012345678900210123456789033900011SG.COM.NETS01230201401832831128823590002150001118703240000308885872010901199084E5DC3D834430017COM.QQ.WEIXIN.PAY011012345678900204123435660010SG.COM.UOB014845D233507F5E8C306E3871A4E9FACA601A80C114B5645E5D36940009SG.PAYNOW010100216+6212345678901230301004351234567890123456789012345678901234505082020123137270009SG.AIRPAY0110A11BC0000X51860007SG.SGQR0112180307510317020701.0003030608100604020205031380609Counter010708201804075204581453037025802SG5916FOOD XYZ PTE LTD6009SINGAPORE6106081006622301081234567R060787654306304317F',
    want: {
      '02': '4761360000000*17',
      '31.00': 'COM.GRAB',
      '59': 'FOOD XYZ PTE LTD',
      '61': '081006',
      '63': '317F',
    },
  },
  {
    name: 'Indonesia QRIS static (Telkom + QRIS national template 51, tip prompt)',
    // npm @terryds/qris-decoder README (https://npmjs.com/package/@terryds/qris-decoder), usage example.
    source: 'npmjs.com/package/@terryds/qris-decoder README',
    payload:
      '00020101021126680016ID.CO.TELKOM.WWW011893600898026635207502150001952663520750303UMI51440014ID.CO.QRIS.WWW0215ID10211254059720303UMI5204549953033605502015802ID5906BIOLBE6011KAB. MALANG610565168622005091147938120703A03630404CB',
    want: { '51.00': 'ID.CO.QRIS.WWW', '55': '01', '60': 'KAB. MALANG', '62.05': '114793812', '63': '04CB' },
  },
  {
    name: 'Thailand PromptPay P2P, mobile number',
    // github.com/dtinth/promptpay-qr index.test.js ("Local phone number").
    source: 'github.com/dtinth/promptpay-qr index.test.js',
    payload: '00020101021129370016A000000677010111011300668012345675802TH530376463046197',
    options: { optionalTags: ['52', '59', '60'] },
    problemsWithoutOptions: [
      'MISSING_MANDATORY_TAG 52',
      'MISSING_MANDATORY_TAG 59',
      'MISSING_MANDATORY_TAG 60',
    ],
    want: { '29.00': 'A000000677010111', '29.01': '0066801234567', '63': '6197' },
  },
  {
    name: 'Thailand PromptPay P2P, dynamic with amount',
    // github.com/dtinth/promptpay-qr index.test.js ("Amount").
    source: 'github.com/dtinth/promptpay-qr index.test.js',
    payload: '00020101021229370016A000000677010111011300660000000005802TH530376454044.226304E469',
    options: { optionalTags: ['52', '59', '60'] },
    problemsWithoutOptions: [
      'MISSING_MANDATORY_TAG 52',
      'MISSING_MANDATORY_TAG 59',
      'MISSING_MANDATORY_TAG 60',
    ],
    want: { '01': '12', '54': '4.22', '63': 'E469' },
  },
  {
    name: 'Malaysia DuitNow QR, retail POS (PayNet example 1)',
    // PayNet developer docs, DuitNow QR v1.5, Merchant-Presented Mode, "Examples" (Example 1),
    // https://docs.developer.paynet.my/docs/duitNow-QR/integration/QR-generation-specification/merchant-presented-mode/example
    // DuitNow writes Payload Format Indicator "02", which EMVCo reserves.
    source: 'PayNet developer docs, DuitNow QR v1.5 MPM example 1',
    payload:
      '00020201021126410014A000000615000101065016640209123456789520499995303458540510.005802MY5909QRCSDNBHD6005BANGI6304343F',
    options: { payloadFormatIndicators: ['01', '02'] },
    problemsWithoutOptions: ['INVALID_PAYLOAD_FORMAT_INDICATOR 00'],
    want: { '00': '02', '26.00': 'A0000006150001', '59': 'QRCSDNBHD', '63': '343F' },
  },
];

/** The EMVCo specification example, the first public vector. */
export const EMVCO = PUBLIC_VECTORS[0]!.payload;

/** Its top-level tags in the order the payload has them (not ascending: 64 comes before 54). */
export const EMVCO_PAYLOAD_ORDER = [
  '00',
  '01',
  '29',
  '31',
  '52',
  '58',
  '59',
  '60',
  '64',
  '54',
  '53',
  '55',
  '62',
  '91',
  '63',
];
