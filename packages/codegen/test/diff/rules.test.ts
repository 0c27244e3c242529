// The rules catalogue is the one list of breaking-change rules: ids are unique, each rule has one line of
// description, the differ cannot report an id outside it, and README's table is made from it.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ChangeLog } from '../../src/diff/changes.js';
import { RULES, renderRulesTable, rule } from '../../src/diff/rules.js';

const readme = new URL('../../README.md', import.meta.url);
const START = '<!-- rules:start (made from src/diff/rules.ts: paste the output of onelink-codegen rules) -->';
const END = '<!-- rules:end -->';

describe('rules catalogue', () => {
  it('has unique ids, kebab-case apart from JSON Schema keywords, one-line descriptions', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of RULES) {
      expect(r.id).toMatch(/^[a-z]+(-[a-zA-Z]+)+$/);
      expect(['breaking', 'non-breaking']).toContain(r.severity);
      expect(r.description).not.toMatch(/\n|\|/);
      expect(r.description.length).toBeGreaterThan(5);
    }
  });

  it.each([
    { given: 'request-maxLength-tightened', want: 'breaking' },
    { given: 'response-maxLength-tightened', want: 'non-breaking' },
    { given: 'request-enum-value-added', want: 'non-breaking' },
    { given: 'response-enum-value-added', want: 'breaking' },
    { given: 'response-field-became-optional', want: 'breaking' },
    { given: 'response-code-table-entry-changed', want: 'breaking' },
  ])('$given is $want', ({ given, want }) => {
    expect(rule(given).severity).toBe(want);
  });

  it('a change under an id outside the catalogue is refused, naming the id', () => {
    expect(() => new ChangeLog().add('request-made-up', 'somewhere', 'something')).toThrow(
      'spec diff rule request-made-up is not in the rules catalogue',
    );
  });

  it('README holds the table made from the catalogue', async () => {
    const text = await readFile(readme, 'utf8');
    const start = text.indexOf(START);
    const end = text.indexOf(END);
    expect(start, `README.md needs ${START}`).toBeGreaterThan(-1);
    expect(text.slice(start + START.length, end).trim()).toBe(renderRulesTable());
  });
});
