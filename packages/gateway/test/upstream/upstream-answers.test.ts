import { describe, expect, it } from 'vitest';
import { createUpstreamAnswers } from '../../src/upstream/upstream-answers.js';

const answer = (n: number) => ({ httpStatus: 400, body: { responseCode: '12', n }, attempt: 1 });

describe('createUpstreamAnswers', () => {
  it('keeps the last answer per RRN and forgets it once taken', () => {
    const answers = createUpstreamAnswers();
    answers.record('261122000001', answer(1));
    answers.record('261122000001', answer(2));
    expect(answers.take('261122000001')).toEqual(answer(2));
    expect(answers.take('261122000001')).toBeUndefined();
  });

  it('drops the oldest entry beyond its bound', () => {
    const answers = createUpstreamAnswers(2);
    answers.record('a', answer(1));
    answers.record('b', answer(2));
    answers.record('c', answer(3));
    expect(answers.take('a')).toBeUndefined();
    expect(answers.take('b')).toEqual(answer(2));
    expect(answers.take('c')).toEqual(answer(3));
  });
});
