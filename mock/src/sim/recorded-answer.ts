import { answerFrom, type SimAnswer } from './fixture-book.js';
import type { SimContext, SimRequest } from './sim-request.js';
import { resolve } from './spec-source.js';

type Json = Record<string, unknown>;

/**
 * The recorded answer for a status: the named scenario when given and recorded, else the first
 * recorded one for the status, else the spec's own example for it (what Prism serves when no fixture
 * exists). Undefined when the spec declares nothing for the status.
 */
export function recordedAnswer(
  req: SimRequest,
  ctx: SimContext,
  status: number,
  scenario?: string,
): SimAnswer | undefined {
  const named = scenario === undefined ? undefined : ctx.book.find(req.op.operationId, scenario);
  if (named && named.fixture.response.status === status) return answerFrom(named);
  const recorded = ctx.book.forStatus(req.spec, req.op, status);
  if (recorded) return answerFrom(recorded);
  return specExample(req, status);
}

function specExample(req: SimRequest, status: number): SimAnswer | undefined {
  const responses = (req.op.operation.responses ?? {}) as Json;
  const response = resolve(req.spec.document, responses[String(status)]) as Json | undefined;
  for (const [mediaType, media] of Object.entries((response?.content ?? {}) as Record<string, Json>)) {
    for (const [name, example] of Object.entries((media.examples ?? {}) as Json)) {
      const value = (resolve(req.spec.document, example) as Json | undefined)?.value;
      if (value === undefined) continue;
      return {
        status,
        headers: { 'content-type': mediaType },
        body: structuredClone(value),
        scenario: `${req.op.operationId}/${name} (spec example)`,
      };
    }
  }
  return undefined;
}

/** An answer the spec has no example for (a spec without fixtures): status and a sentence. */
export function plainAnswer(req: SimRequest, status: number, message: string): SimAnswer {
  return {
    status,
    headers: { 'content-type': 'application/json' },
    body: { message },
    scenario: `${req.op.operationId}/(none recorded for ${status})`,
  };
}
