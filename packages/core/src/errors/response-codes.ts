import { document } from '@onelink-kit/generated/1link-p2m-qr';

/**
 * The response-code table lives in the spec (`x-onelink-response-codes`), not here: this module only reads
 * it and answers "what kind of failure is this answer?". All classification goes through `classify`.
 */

export const RESPONSE_CODE_KINDS = [
  'success',
  'validation',
  'duplicate',
  'auth',
  'forbidden',
  'rate-limit',
  'transient',
  'upstream',
  'not-found',
  'signature',
  'business',
] as const;

export type ResponseCodeKind = (typeof RESPONSE_CODE_KINDS)[number];

export interface ResponseCodeEntry {
  code: string;
  description: string;
  kind: ResponseCodeKind;
  retryable: boolean;
  httpStatus: number;
}

export interface Classification {
  kind: ResponseCodeKind;
  retryable: boolean;
  /** Present when the body carried a responseCode found in the table. */
  entry?: ResponseCodeEntry | undefined;
}

/**
 * HTTP statuses without a 1LINK responseCode in the body (IBM API Connect answers such as
 * `{ httpCode: "401" }`, proxies' 502/504). Used only when the table has no entry for the body's code.
 */
const HTTP_STATUS_KINDS: Readonly<Record<number, { kind: ResponseCodeKind; retryable: boolean }>> = {
  400: { kind: 'validation', retryable: false },
  401: { kind: 'auth', retryable: false },
  403: { kind: 'forbidden', retryable: false },
  404: { kind: 'not-found', retryable: false },
  409: { kind: 'duplicate', retryable: false },
  422: { kind: 'validation', retryable: false },
  429: { kind: 'rate-limit', retryable: true },
  500: { kind: 'upstream', retryable: false },
  502: { kind: 'transient', retryable: true },
  503: { kind: 'transient', retryable: true },
  504: { kind: 'transient', retryable: true },
};

/** Where an upstream's body carries its code and, in order of preference, its description. */
export interface AnswerFields {
  code: string;
  description: readonly string[];
}

/** What an answer body said, and how the table classifies it. */
export interface ReadAnswer extends Classification {
  code: string | undefined;
  description: string | undefined;
}

/** 1LINK's `{ responseCode, responseDescription }`, or the API gateway's `{ httpCode, httpMessage }`. */
export const ONELINK_ANSWER_FIELDS: AnswerFields = {
  code: 'responseCode',
  description: ['responseDescription', 'httpMessage'],
};

export class ResponseCodeTable {
  readonly entries: ReadonlyMap<string, ResponseCodeEntry>;

  constructor(entries: Iterable<ResponseCodeEntry>) {
    this.entries = new Map([...entries].map((e) => [e.code, e]));
  }

  /** Reads `x-onelink-response-codes` from a spec document (the generated `document`). */
  static fromDocument(document: unknown, specName = 'spec'): ResponseCodeTable {
    const raw = (document as { 'x-onelink-response-codes'?: unknown } | null)?.['x-onelink-response-codes'];
    if (raw === undefined) return new ResponseCodeTable([]);
    if (!raw || typeof raw !== 'object') {
      throw new TypeError(`${specName}: x-onelink-response-codes must be an object keyed by response code`);
    }
    const entries: ResponseCodeEntry[] = [];
    for (const [code, value] of Object.entries(raw as Record<string, unknown>)) {
      const v = value as Partial<Record<keyof ResponseCodeEntry, unknown>>;
      if (!isKind(v.kind)) {
        throw new TypeError(
          `${specName}: x-onelink-response-codes.${code}.kind must be one of ${RESPONSE_CODE_KINDS.join(', ')}`,
        );
      }
      entries.push({
        code,
        description: typeof v.description === 'string' ? v.description : '',
        kind: v.kind,
        retryable: v.retryable === true,
        httpStatus: Number(v.httpStatus),
      });
    }
    return new ResponseCodeTable(entries);
  }

  get(code: string): ResponseCodeEntry | undefined {
    return this.entries.get(code);
  }

  /** Codes of a given kind, e.g. `codesOf('duplicate')` → `['94']`. */
  codesOf(kind: ResponseCodeKind): string[] {
    return [...this.entries.values()].filter((e) => e.kind === kind).map((e) => e.code);
  }

  /**
   * Classifies one answer. A known responseCode wins (1LINK may answer HTTP 200 with a failure code);
   * otherwise the HTTP status decides, first from the table's own httpStatus column when exactly one
   * kind uses that status, then from the gateway-level defaults.
   */
  classify(answer: { status: number; responseCode?: string | undefined }): Classification {
    if (answer.responseCode !== undefined) {
      const entry = this.entries.get(answer.responseCode);
      if (entry) return { kind: entry.kind, retryable: entry.retryable, entry };
    }
    if (answer.status >= 200 && answer.status < 300) {
      // 2xx with an unknown (or missing) responseCode is not a success we can vouch for.
      return answer.responseCode === undefined
        ? { kind: 'upstream', retryable: false }
        : { kind: 'business', retryable: false };
    }
    const byStatus = [...this.entries.values()].filter((e) => e.httpStatus === answer.status);
    const kinds = new Set(byStatus.map((e) => e.kind));
    if (kinds.size === 1 && byStatus[0]) {
      return { kind: byStatus[0].kind, retryable: byStatus.every((e) => e.retryable) };
    }
    const fromHttp = HTTP_STATUS_KINDS[answer.status];
    if (fromHttp) return { ...fromHttp };
    return { kind: answer.status >= 500 ? 'upstream' : 'business', retryable: false };
  }

  /**
   * Reads the code/description pair out of a parsed answer body (the success or the error body, whatever
   * it is; non-string values count as absent) and classifies it. Each upstream names its fields:
   * SNAP `responseCode`/`responseMessage`, Link Based Payments `statusCode`/`statusDescription`.
   */
  read(status: number, body: unknown, fields: AnswerFields = ONELINK_ANSWER_FIELDS): ReadAnswer {
    const record = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
    const text = (key: string) => (typeof record[key] === 'string' ? (record[key] as string) : undefined);
    const code = text(fields.code);
    const description = fields.description.map(text).find((d) => d !== undefined);
    // Members one by one, not `{ ...classified, code, description }`: V8 gives a literal that starts
    // with a spread a new shape each time and kept what it held through two young collections (gateway
    // README, Performance).
    const classified = this.classify({ status, responseCode: code });
    const answer: ReadAnswer = { kind: classified.kind, retryable: classified.retryable, code, description };
    if (classified.entry !== undefined) answer.entry = classified.entry;
    return answer;
  }
}

function isKind(value: unknown): value is ResponseCodeKind {
  return typeof value === 'string' && (RESPONSE_CODE_KINDS as readonly string[]).includes(value);
}

let oneLinkTable: ResponseCodeTable | undefined;

/** The 1LINK table, from the generated `document` of spec/1link-p2m-qr.yaml (read once). */
export function oneLinkResponseCodes(): ResponseCodeTable {
  oneLinkTable ??= ResponseCodeTable.fromDocument(document, 'spec/1link-p2m-qr.yaml');
  return oneLinkTable;
}
