import path from 'node:path';
import type { FixtureFile } from './fixtures.js';
import { indexFixtures, type MockLayout } from './mock-servers.js';
import { OpenApiValidator, type ValidationIssue } from './openapi-validator.js';
import type { OperationRef } from './spec-catalog.js';
import { responseSchemaOf, undeclaredFields } from './undeclared-fields.js';

export interface FixtureProblem {
  /** Fixture path relative to the repository root. */
  fixture: string;
  operationId: string;
  scenario: string;
  specFile: string | undefined;
  issues: ValidationIssue[];
}

export interface DriftReport {
  checked: number;
  problems: FixtureProblem[];
  /** Fixtures recorded against another version of their spec that still validate (informational). */
  staleHashes: { fixture: string; recordedAgainst: string; current: string }[];
}

/**
 * Validates every fixture's request and response against the current spec for its operationId and
 * names each one that no longer fits, with every reason. This is what catches drift after a spec edit.
 */
export function checkFixtureDrift(layout: MockLayout): DriftReport {
  const index = indexFixtures(layout);
  const validator = new OpenApiValidator(index.specs);
  const rel = (f: FixtureFile) => path.relative(layout.repoRoot, f.file).split(path.sep).join('/');
  const problems: FixtureProblem[] = [];
  const staleHashes: DriftReport['staleHashes'] = [];
  for (const f of index.fixtures) {
    const op = index.operations.get(f);
    if (!op) {
      problems.push({
        fixture: rel(f),
        operationId: f.operationId,
        scenario: f.scenario,
        specFile: undefined,
        issues: [
          {
            location: 'operationId',
            message: `no spec in ${path.relative(layout.repoRoot, layout.specDir)}/ defines "${f.operationId}"`,
          },
        ],
      });
      continue;
    }
    const issues = validator.validateFixture(op, f.fixture);
    issues.push(...undeclaredIssues(op, f.fixture.response));
    if (f.fixture.provenance.specFile !== op.spec.specFile) {
      issues.push({
        location: 'provenance.specFile',
        message: `says ${f.fixture.provenance.specFile}, but ${f.operationId} is defined in ${op.spec.specFile}`,
      });
    }
    if (issues.length > 0) {
      problems.push({
        fixture: rel(f),
        operationId: f.operationId,
        scenario: f.scenario,
        specFile: op.spec.specFile,
        issues,
      });
    } else if (f.fixture.provenance.specSha256 !== op.spec.sha256) {
      staleHashes.push({
        fixture: rel(f),
        recordedAgainst: f.fixture.provenance.specSha256,
        current: op.spec.sha256,
      });
    }
  }
  return { checked: index.fixtures.length, problems, staleHashes };
}

/**
 * A success answer's members the spec does not describe. Its schemas allow extra members (1LINK may
 * add some), so validation passes; but a recording that carries them means the spec should adopt them
 * (the capture report beside the fixtures gives the edit).
 */
function undeclaredIssues(op: OperationRef, response: { status: number; body?: unknown }): ValidationIssue[] {
  if (response.status < 200 || response.status >= 300 || response.body === undefined) return [];
  const schema = responseSchemaOf(op, response.status);
  if (schema === undefined) return [];
  return undeclaredFields(op.spec.document, schema, response.body).map((field) => ({
    location: `response.body${field.path.slice(1)}`,
    message: `not described by the spec (${field.type}${field.schemaRef ? ` under ${field.schemaRef}` : ''}): adopt it in ${op.spec.specFile} (pnpm record's capture-report.md gives the edit)`,
  }));
}

export function formatDriftReport(report: DriftReport): string {
  if (report.problems.length === 0) return `all ${report.checked} fixtures validate against their specs`;
  const out = [`${report.problems.length} of ${report.checked} fixtures no longer validate:`];
  for (const p of report.problems) {
    out.push(`${p.fixture} (${p.operationId} / ${p.scenario}${p.specFile ? ` against ${p.specFile}` : ''}):`);
    for (const i of p.issues) out.push(`  - ${i.location}: ${i.message}`);
  }
  return out.join('\n');
}
