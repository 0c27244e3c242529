import type { IncomingMessage, ServerResponse } from 'node:http';
import { send } from './faults.js';
import { answerFrom, type SimAnswer } from './fixture-book.js';
import type { Journal } from './journal.js';
import { parsePrefer } from './prefer.js';
import { plainAnswer, recordedAnswer } from './recorded-answer.js';
import { RequestChecker } from './request-check.js';
import { SIM_BODY_LIMIT_BYTES } from './sim-config.js';
import type { ApiBehaviour, Decision, SimContext, SimRequest } from './sim-request.js';
import type { SimSpec } from './spec-source.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** Reads a body up to `limit` bytes; `tooLarge` when it is longer (the rest is not read). */
function readBody(req: IncomingMessage, limit: number): Promise<{ raw: string; tooLarge: boolean }> {
  return new Promise((resolve) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      resolve({ raw: '', tooLarge: true });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (tooLarge: boolean) => {
      if (done) return;
      done = true;
      resolve({ raw: tooLarge ? '' : Buffer.concat(chunks).toString('utf8'), tooLarge });
    };
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.pause();
        finish(true);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => finish(false));
    req.on('error', () => finish(false));
    req.on('aborted', () => finish(false));
  });
}

function headersOf(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** `Prefer: code=…, example=…`: the recorded scenario played back as recorded, as Prism does. */
function playback(sim: SimRequest, ctx: SimContext): Decision {
  const { code, example } = sim.prefer;
  const op = sim.op.operationId;
  if (example !== undefined) {
    const f = ctx.book.find(op, example);
    if (f && (code === undefined || f.fixture.response.status === code)) {
      return { answer: answerFrom(f), note: `Prefer example=${example}` };
    }
  } else if (code !== undefined) {
    const answer = recordedAnswer(sim, ctx, code);
    if (answer) return { answer, note: `Prefer code=${code}` };
  }
  const recorded = ctx.book.scenarios(op).map((f) => `${f.scenario} (${f.fixture.response.status})`);
  const asked = [code === undefined ? '' : `code=${code}`, example === undefined ? '' : `example=${example}`]
    .filter(Boolean)
    .join(', ');
  return {
    answer: plainAnswer(
      sim,
      404,
      `no recorded ${op} answer matches Prefer ${asked}; recorded: ${recorded.join(', ') || 'none'}`,
    ),
    note: 'Prefer matched nothing',
  };
}

export interface SpecHandlerOptions {
  spec: SimSpec;
  ctx: SimContext;
  journal: Journal;
  behaviourOf: (operationId: string) => ApiBehaviour;
  /** Answers `/__sim/...` (shared by every spec's server); undefined when the path is not one. */
  admin: (method: string, path: string, res: ServerResponse) => boolean;
  bodyLimit?: number;
}

/**
 * The request pipeline of one spec's server: route by method and path, read the body (at most the
 * gateway's JSON limit), check it as Prism does, then either play back a `Prefer`red recording or let
 * the operation's behaviour answer; journal it; then delay and fault as `Prefer` asks. Whatever a client
 * sends, the answer is one the spec declares; an error inside the simulator answers the recorded 500.
 */
export function specHandler(options: SpecHandlerOptions): Handler {
  const { spec, ctx, journal, behaviourOf } = options;
  const checker = new RequestChecker(spec);
  const limit = options.bodyLimit ?? SIM_BODY_LIMIT_BYTES;

  return (req, res) => {
    const started = Date.now();
    const method = (req.method ?? 'GET').toUpperCase();
    const target = req.url ?? '/';
    const path = target.split('?')[0] ?? '/';
    if (path.startsWith('/__sim/') && options.admin(method, path, res)) return;

    void readBody(req, limit).then(({ raw, tooLarge }) => {
      const headers = headersOf(req);
      const op = spec.operations.find((o) => o.method.toUpperCase() === method && o.path === path);
      if (!op) {
        const served = spec.operations.map((o) => `${o.method.toUpperCase()} ${o.path}`).join(', ');
        const text = JSON.stringify({
          message: `${spec.specFile} has no operation at ${method} ${path}; it serves ${served}`,
        });
        res.writeHead(404, {
          'content-type': 'application/json',
          connection: tooLarge ? 'close' : 'keep-alive',
        });
        res.end(text);
        return;
      }
      const sim: SimRequest = {
        spec,
        op,
        method,
        target,
        query: new URLSearchParams(target.includes('?') ? target.slice(target.indexOf('?') + 1) : ''),
        headers,
        rawBody: raw,
        body: undefined,
        prefer: parsePrefer(headers.prefer),
        now: ctx.now(),
      };
      const behaviour = behaviourOf(op.operationId);
      let decision: Decision;
      try {
        if (tooLarge) {
          const issue = { field: '(body)', rule: 'maxBytes', message: `is longer than ${limit} bytes` };
          decision = behaviour.invalid(sim, [issue], 'too-large', ctx);
        } else {
          const checked = checker.check(op, headers, sim.query, raw);
          if (!checked.ok && checked.reason === 'unauthenticated')
            decision = behaviour.unauthenticated(sim, ctx);
          else if (!checked.ok) decision = behaviour.invalid(sim, checked.issues, checked.reason, ctx);
          else {
            sim.body = checked.body;
            const asked = sim.prefer.code !== undefined || sim.prefer.example !== undefined;
            decision = asked ? playback(sim, ctx) : behaviour.handle(sim, ctx);
          }
        }
      } catch (error) {
        const answer: SimAnswer =
          recordedAnswer(sim, ctx, 500) ?? plainAnswer(sim, 500, 'the simulator failed on this request');
        decision = { answer, note: `simulator error: ${(error as Error).message}` };
      }
      if (tooLarge) decision.answer.headers = { ...decision.answer.headers, connection: 'close' };
      const { fault, delayMs, ignored } = sim.prefer;
      journal.add({
        at: new Date(sim.now).toISOString(),
        spec: spec.name,
        method,
        target,
        operationId: op.operationId,
        headers,
        body: sim.body ?? (raw === '' ? undefined : `${raw.length} characters, not parsed`),
        status:
          fault === 'reset' || fault === 'timeout'
            ? undefined
            : fault === 'malformed'
              ? 200
              : decision.answer.status,
        scenario: decision.answer.scenario,
        answer: fault === 'reset' || fault === 'timeout' ? undefined : decision.answer.body,
        note:
          [decision.note, ignored.length > 0 ? `Prefer ignored: ${ignored.join(', ')}` : '']
            .filter(Boolean)
            .join('; ') || undefined,
        fault,
        durationMs: Date.now() - started,
      });
      const respond = () => {
        try {
          send(res, decision.answer, fault);
        } catch (error) {
          // The simulator's own fault in writing its answer (node refused a header, say): a 500 that
          // says so, which the contract sweep reports, instead of a request left without an answer.
          if (res.headersSent) res.socket?.destroy();
          else
            send(
              res,
              plainAnswer(sim, 500, `the simulator could not send its answer: ${String(error)}`),
              undefined,
            );
        }
      };
      if (delayMs) setTimeout(respond, delayMs).unref();
      else respond();
    });
  };
}
