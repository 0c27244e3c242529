import { randomBytes } from 'node:crypto';
import type { FixtureFile } from '../fixtures.js';
import { exampleNames, type SimOperation, type SimSpec } from './spec-source.js';

/** What the simulator sends back: a recorded answer, possibly with request values filled in. */
export interface SimAnswer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
  /** The fixture it was made from (`<operationId>/<scenario>`), for the journal. */
  scenario: string;
}

type Json = Record<string, unknown>;

/**
 * The recorded fixtures of the simulated specs, by operation and scenario. Every answer the simulator
 * gives starts from one of them, so it has the recorded shape (and Prism and the recordings agree).
 */
export class FixtureBook {
  readonly #byOperation = new Map<string, FixtureFile[]>();

  constructor(fixtures: readonly FixtureFile[]) {
    for (const f of fixtures) {
      const list = this.#byOperation.get(f.operationId) ?? [];
      list.push(f);
      this.#byOperation.set(f.operationId, list);
    }
  }

  scenarios(operationId: string): FixtureFile[] {
    return this.#byOperation.get(operationId) ?? [];
  }

  find(operationId: string, scenario: string): FixtureFile | undefined {
    return this.scenarios(operationId).find((f) => f.scenario === scenario);
  }

  /** The fixture a scenario name stands for; a missing one is a broken fixture set, said by name. */
  get(operationId: string, scenario: string): FixtureFile {
    const found = this.find(operationId, scenario);
    if (!found) {
      throw new Error(
        `the simulator needs the recorded fixture mock/fixtures/${operationId}/${scenario}.json, which is missing (pnpm mock:fixtures makes it)`,
      );
    }
    return found;
  }

  /**
   * The recorded answer for a status: the first example the spec lists for it that has a fixture, else
   * the first such fixture by name (how `Prefer: code=…` without `example=` is answered).
   */
  forStatus(spec: SimSpec, op: SimOperation, status: number): FixtureFile | undefined {
    const withStatus = this.scenarios(op.operationId).filter((f) => f.fixture.response.status === status);
    for (const name of exampleNames(spec, op, status)) {
      const hit = withStatus.find((f) => f.scenario === name);
      if (hit) return hit;
    }
    return withStatus[0];
  }
}

/**
 * An answer from a fixture: its status, headers and body, with `body` fields replaced (only those
 * the recording has, plus `add`), and a fresh X-Global-Transaction-ID when the recording has one.
 */
export function answerFrom(
  fixture: FixtureFile,
  changes: { body?: Json; add?: Json; headers?: Record<string, string> } = {},
): SimAnswer {
  const recorded = fixture.fixture.response;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(recorded.headers)) {
    const lower = name.toLowerCase();
    if (lower === 'content-length' || lower === 'transfer-encoding') continue;
    headers[lower] = lower === 'x-global-transaction-id' ? `sim-${randomBytes(8).toString('hex')}` : value;
  }
  Object.assign(headers, changes.headers);
  let body = structuredClone(recorded.body) as unknown;
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    const out = body as Json;
    for (const [key, value] of Object.entries(changes.body ?? {})) {
      if (key in out && value !== undefined) out[key] = value;
    }
    for (const [key, value] of Object.entries(changes.add ?? {})) {
      if (value !== undefined) out[key] = value;
    }
    body = out;
  }
  return { status: recorded.status, headers, body, scenario: `${fixture.operationId}/${fixture.scenario}` };
}
