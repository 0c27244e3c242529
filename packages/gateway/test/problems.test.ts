import { describe, expect, it } from 'vitest';
import { PROBLEM_CATALOGUE, ProblemError, problemBody, problemForStatus } from '../src/problems.js';

describe('problem catalogue', () => {
  it('every entry renders an RFC 9457 body with its own status', () => {
    for (const [name, entry] of Object.entries(PROBLEM_CATALOGUE)) {
      const body = problemBody(name as keyof typeof PROBLEM_CATALOGUE);
      expect(body).toEqual({
        type: `urn:onelink-kit:problem:${name}`,
        title: entry.title,
        status: entry.status,
      });
      expect(entry.status).toBeGreaterThanOrEqual(400);
    }
  });

  it('drops undefined extras and adds the request id', () => {
    const error = new ProblemError('upstream-timeout', 'late', { rrn: '261122000001', stan: undefined });
    expect(error.body('req-1')).toEqual({
      type: 'urn:onelink-kit:problem:upstream-timeout',
      title: '1LINK did not answer in time',
      status: 504,
      detail: 'late',
      rrn: '261122000001',
      requestId: 'req-1',
    });
  });

  const statuses = [
    { given: 400, want: 'validation' },
    { given: 401, want: 'unauthenticated' },
    { given: 404, want: 'not-found' },
    { given: 405, want: 'method-not-allowed' },
    { given: 413, want: 'payload-too-large' },
    { given: 415, want: 'unsupported-media-type' },
    { given: 418, want: 'internal' },
  ];
  it.each(statuses)('HTTP $given → $want', ({ given, want }) => {
    expect(problemForStatus(given)).toBe(want);
  });
});
