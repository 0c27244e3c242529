import type { Fixture, FixtureSource } from '../fixtures.js';
import type { OperationRef } from '../spec-catalog.js';
import type { RawExchange } from './recording-fetch.js';
import { scrubHeaders, scrubValue } from './scrub.js';
import type { SecretValue } from './secrets.js';

export interface ToFixtureOptions {
  op: OperationRef;
  secrets: readonly SecretValue[];
  source: FixtureSource;
  tool: string;
  notes: string;
}

/** The spec path the URL ends with (server base stripped), or undefined if it is not this operation's. */
export function specPathOf(url: string, op: OperationRef): string | undefined {
  const { pathname, search } = new URL(url);
  const pattern = new RegExp(
    `${op.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`,
  );
  const m = pattern.exec(pathname);
  return m ? `${m[0]}${search}` : undefined;
}

function parseBody(text: string | undefined, contentType: string | undefined): unknown {
  if (text === undefined || text === '') return undefined;
  const mt = contentType?.split(';')[0]?.trim().toLowerCase();
  if (mt === 'application/x-www-form-urlencoded') return Object.fromEntries(new URLSearchParams(text));
  if (mt === 'application/json' || mt?.endsWith('+json')) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

/** A raw exchange as a fixture: spec-relative path, parsed bodies, secrets replaced, personal data masked. */
export function exchangeToFixture(ex: RawExchange, options: ToFixtureOptions): Fixture {
  const path = specPathOf(ex.url, options.op);
  if (!path) throw new Error(`recorder: ${ex.url} is not ${options.op.operationId} (${options.op.path})`);
  const lower = (h: Record<string, string>) =>
    Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));
  const reqHeaders = lower(ex.requestHeaders);
  const resHeaders = lower(ex.responseHeaders);
  const requestBody = parseBody(ex.requestBody, reqHeaders['content-type']);
  const responseBody = parseBody(ex.responseBody, resHeaders['content-type']);
  return {
    request: {
      method: ex.method.toUpperCase(),
      path,
      headers: scrubHeaders(reqHeaders, options.secrets),
      ...(requestBody === undefined ? {} : { body: scrubValue(requestBody, options.secrets) }),
    },
    response: {
      status: ex.status,
      headers: scrubHeaders(resHeaders, options.secrets),
      ...(responseBody === undefined ? {} : { body: scrubValue(responseBody, options.secrets) }),
    },
    provenance: {
      source: options.source,
      recordedAt: ex.startedAt,
      specFile: options.op.spec.specFile,
      specSha256: options.op.spec.sha256,
      tool: options.tool,
      notes: options.notes,
    },
  };
}
