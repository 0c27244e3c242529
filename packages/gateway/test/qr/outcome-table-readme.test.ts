import { readFileSync } from 'node:fs';
import { OUTCOME_TABLE, type UpstreamSituation } from '@onelink-kit/core';
import { describe, expect, it } from 'vitest';
import { PROBLEM_CATALOGUE } from '../../src/problems.js';
import { PROBLEM_OF_SITUATION } from '../../src/qr/classify-upstream-failure.js';

// README's outcome table is what operators reconcile by; it must say exactly what the code does.
// Given the table parsed from README, want core's OUTCOME_TABLE and the gateway's problem per row.

const readme = readFileSync(new URL('../../../../README.md', import.meta.url), 'utf8');
const gatewayReadme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

interface ReadmeRow {
  situation: string;
  when: string;
  clientRetries: string;
  outcome: string;
  callerMayRetry: string;
  problem: string;
}

/** The markdown table under the "Outcomes" heading, one object per row. */
function readmeOutcomeTable(text: string): ReadmeRow[] {
  const section = text.split(/^### Outcomes: what reconciliation relies on$/m)[1];
  if (section === undefined)
    throw new Error('README has no "### Outcomes: what reconciliation relies on" section');
  // The section ends at the next heading (later sections have tables of their own).
  const body = section.split(/^#{1,3} /m)[0] ?? '';
  const lines = body.split('\n').filter((line) => line.startsWith('|'));
  const [header, rule, ...rows] = lines;
  expect(header).toBe(
    '| situation | when | client retries (same STAN/RRN) | row | caller may retry | problem |',
  );
  expect(rule).toBe('|---|---|---|---|---|---|');
  return rows.map((line) => {
    const cells = line
      .slice(1, -1)
      .split(' | ')
      .map((cell) => cell.trim());
    expect(cells, line).toHaveLength(6);
    const [situation, when, clientRetries, outcome, callerMayRetry, problem] = cells as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    return { situation, when, clientRetries, outcome, callerMayRetry, problem };
  });
}

const yesNo = (value: boolean | null) => (value === null ? '—' : value ? 'yes' : 'no');

/** How the code's row reads in README. */
function expectedRow(situation: UpstreamSituation): ReadmeRow {
  const rule = OUTCOME_TABLE[situation];
  const problem: string | undefined = PROBLEM_OF_SITUATION[situation];
  return {
    situation: `\`${situation}\``,
    when: rule.when,
    clientRetries: yesNo(rule.clientRetries),
    outcome: `\`${rule.outcome}\``,
    callerMayRetry: yesNo(rule.callerMayRetry),
    problem: problem === undefined ? '— (201)' : `\`${problem}\``,
  };
}

describe("README's outcome table is the code's", () => {
  const rows = readmeOutcomeTable(readme);
  const situations = Object.keys(OUTCOME_TABLE) as UpstreamSituation[];

  it('has one row per situation, in the order of the code', () => {
    expect(rows.map((r) => r.situation)).toEqual(situations.map((s) => `\`${s}\``));
  });

  it.each(situations)('%s reads as the code decides', (situation) => {
    const row = rows.find((r) => r.situation === `\`${situation}\``);
    expect(row).toEqual(expectedRow(situation));
  });

  it('the problem catalogue in packages/gateway/README.md lists every problem the table uses, with its status', () => {
    const problems = new Set(
      Object.values(PROBLEM_OF_SITUATION).filter((p): p is NonNullable<typeof p> => p !== undefined),
    );
    for (const problem of problems) {
      const status = PROBLEM_CATALOGUE[problem].status;
      expect(gatewayReadme, problem).toMatch(new RegExp(`^\\| \`${problem}\` \\| ${status} \\|`, 'm'));
    }
  });
});
