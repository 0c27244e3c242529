import { describe, expect, it } from 'vitest';
import { BenchUsageError, parseBenchOptions, ROW_NAMES } from '../../bench/options.js';

describe('bench:gateway options', () => {
  it('defaults to one short run of every row and set-up', () => {
    const options = parseBenchOptions([], {});
    expect(options).toEqual({
      full: false,
      runs: 1,
      rows: new Set(ROW_NAMES),
      setups: undefined,
      onlyGateway: false,
      baseline: undefined,
    });
  });

  it.each([
    { given: { argv: ['--full', '--runs', '3'], env: {} }, want: { full: true, runs: 3 } },
    {
      given: { argv: [], env: { BENCH_ROWS: 'create, create1' } },
      want: { rows: new Set(['create', 'create1']) },
    },
    {
      given: { argv: [], env: { BENCH_SETUPS: 'Postgres,SQLite 2 workers' } },
      want: { setups: new Set(['Postgres', 'SQLite 2 workers']) },
    },
    { given: { argv: [], env: { BENCH_ONLY: 'gateway' } }, want: { onlyGateway: true } },
    { given: { argv: [], env: { BENCH_BASELINE: '/tmp/old' } }, want: { baseline: '/tmp/old' } },
    { given: { argv: [], env: { BENCH_ROWS: '' } }, want: { rows: new Set(ROW_NAMES) } },
  ])('reads $given', ({ given, want }) => {
    expect(parseBenchOptions(given.argv, given.env)).toMatchObject(want);
  });

  it.each(['--help', '-h'])('%s asks for the usage', (flag) => {
    expect(parseBenchOptions(['--full', flag], {})).toBe('help');
  });

  it.each([
    { given: { argv: ['--runs', '0'], env: {} }, want: /--runs takes a whole number from 1 to 9 \(got 0\)/ },
    { given: { argv: ['--runs', '2.5'], env: {} }, want: /--runs .*got 2\.5/ },
    { given: { argv: ['--runs'], env: {} }, want: /--runs .*got nothing/ },
    { given: { argv: ['--runs', '10'], env: {} }, want: /--runs .*got 10/ },
    { given: { argv: ['--fast'], env: {} }, want: /unknown argument --fast/ },
    { given: { argv: ['--full', '--short'], env: {} }, want: /--full and --short/ },
    {
      given: { argv: [], env: { BENCH_ROWS: 'create,creat1' } },
      want: /BENCH_ROWS: "creat1" is not one of create, create1/,
    },
    {
      given: { argv: [], env: { BENCH_SETUPS: 'postgres' } },
      want: /BENCH_SETUPS: "postgres" is not one of SQLite/,
    },
    {
      given: { argv: [], env: { BENCH_ONLY: 'prism' } },
      want: /BENCH_ONLY takes only "gateway" \(got "prism"\)/,
    },
  ])('refuses $given, naming the flag or variable', ({ given, want }) => {
    expect(() => parseBenchOptions(given.argv, given.env)).toThrow(BenchUsageError);
    expect(() => parseBenchOptions(given.argv, given.env)).toThrow(want);
  });
});
