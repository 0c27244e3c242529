import { describe, expect, it } from 'vitest';
import {
  ExternalIdRegistry,
  formatSnapTimestamp,
  seamlessDataIssues,
  timestampIssues,
} from '../src/snap-rules.js';

describe('seamlessDataIssues', () => {
  const cases = [
    { given: { mobileNumber: '628123456789' }, want: [] },
    { given: { userId: 'cust_01' }, want: [] },
    { given: { mobileNumber: '628123456789', userId: 'u', bankCode: '014' }, want: [] },
    { given: { bankCode: '014' }, want: ['seamlessData|mobileNumber-or-userId'] },
    { given: {}, want: ['seamlessData|mobileNumber-or-userId'] },
    { given: { mobileNumber: '', userId: '' }, want: ['seamlessData|mobileNumber-or-userId'] },
    { given: undefined, want: ['seamlessData|required'] },
  ];
  for (const { given, want } of cases) {
    it(`${JSON.stringify(given)} -> ${JSON.stringify(want)}`, () => {
      expect(seamlessDataIssues(given).map((i) => `${i.field}|${i.rule}`)).toEqual(want);
    });
  }
});

describe('timestampIssues', () => {
  const cases = [
    { given: '2026-11-22T05:30:00+07:00', want: [] },
    { given: '2026-11-22T05:30:00.123Z', want: [] },
    { given: '2026-11-22T05:30:00.1+05:00', want: [] },
    { given: '2024-02-29T00:00:00+07:00', want: [] },
    { given: '2026-11-22T05:30:00Z', want: ['length'] },
    { given: '2026-11-22T05:30:00.123+07:00', want: ['length'] },
    { given: '2026-02-29T00:00:00+07:00', want: ['real-date-time'] },
    { given: '2026-13-01T00:00:00+07:00', want: ['real-date-time'] },
    { given: '2026-11-22T24:00:00+07:00', want: ['real-date-time'] },
    { given: '2026-11-22T05:30:00+15:00', want: ['zone-offset'] },
    { given: '2026-11-22 05:30:00+07:00', want: ['format'] },
    { given: '2026-11-22T05:30:00+0700', want: ['format'] },
  ];
  for (const { given, want } of cases) {
    it(`${given} -> ${JSON.stringify(want)}`, () => {
      const issues = timestampIssues(given);
      expect(issues.map((i) => i.rule)).toEqual(want);
      for (const i of issues) expect(i.field).toBe('X-TIMESTAMP');
    });
  }
});

describe('formatSnapTimestamp', () => {
  const at = new Date('2026-11-21T22:59:58.765Z');
  const cases = [
    { given: undefined, want: '2026-11-22T05:59:58+07:00' },
    { given: 300, want: '2026-11-22T03:59:58+05:00' },
    { given: 0, want: '2026-11-21T22:59:58+00:00' },
    { given: -150, want: '2026-11-21T20:29:58-02:30' },
  ];
  for (const { given, want } of cases) {
    it(`offset ${given} -> ${want}`, () => {
      const got = formatSnapTimestamp(at, given);
      expect(got).toBe(want);
      expect(timestampIssues(got)).toEqual([]);
    });
  }
  it('rejects an offset outside ±14:00', () => {
    expect(() => formatSnapTimestamp(at, 900)).toThrow(/utcOffsetMinutes/);
  });
});

describe('ExternalIdRegistry', () => {
  it('refuses an id already sent in the flow, naming field and rule', () => {
    const r = new ExternalIdRegistry();
    const id = 'a'.repeat(32);
    expect(r.issues(id)).toEqual([]);
    r.claim(id);
    expect(r.issues(id)).toEqual([
      { field: 'X-EXTERNAL-ID', rule: 'unique-in-flow', message: 'was already sent in this flow' },
    ]);
    expect(r.issues('b'.repeat(32))).toEqual([]);
  });
  it('forgets the oldest id beyond its capacity', () => {
    const r = new ExternalIdRegistry(2);
    r.claim('1');
    r.claim('2');
    r.claim('3');
    expect([r.has('1'), r.has('2'), r.has('3')]).toEqual([false, true, true]);
  });
});
