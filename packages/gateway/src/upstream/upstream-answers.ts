/** What 1LINK answered on the last attempt for one RRN: status, body and its request id. */
export interface UpstreamAnswer {
  httpStatus: number;
  body: unknown;
  requestId?: string | undefined;
  attempt: number;
}

export interface UpstreamAnswers {
  record(rrn: string, answer: UpstreamAnswer): void;
  /** Returns and forgets the answer for this RRN. */
  take(rrn: string): UpstreamAnswer | undefined;
}

/**
 * The client reports each HTTP answer through its `onResponse` hook (headers already redacted, tokens
 * scrubbed); the QR service takes the last one for its RRN when the call ends, so error outcomes are
 * stored with 1LINK's own body, not only the client's summary. Bounded: an entry nobody takes (a
 * crash mid-request) is dropped once `max` newer ones exist.
 */
export function createUpstreamAnswers(max = 10_000): UpstreamAnswers {
  const answers = new Map<string, UpstreamAnswer>();
  return {
    record(rrn, answer) {
      answers.delete(rrn);
      answers.set(rrn, answer);
      if (answers.size > max) answers.delete(answers.keys().next().value as string);
    },
    take(rrn) {
      const answer = answers.get(rrn);
      answers.delete(rrn);
      return answer;
    },
  };
}
