import { writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { makeTempDir, thrownBy } from '@onelink-kit/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, parseConfig, parseDatabaseUrl } from '../src/config.js';

const dir = makeTempDir('gateway-config-');
afterAll(() => dir.remove());
writeFileSync(dir.join('secret.txt'), 'file-secret-value\n');
writeFileSync(dir.join('keys.txt'), 'file-key-0123456789abcdef\n');
writeFileSync(dir.join('empty.txt'), '\n');

describe('parseConfig defaults', () => {
  it('targets the Prism mock on MOCK_PORT and SQLite in ./data', () => {
    const config = parseConfig({}, '/srv/app');
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 8080,
      mockPort: 4010,
      database: { client: 'sqlite', filename: '/srv/app/data/gateway.sqlite' },
      upstream: {
        baseUrl: 'http://127.0.0.1:4010',
        tokenUrl: 'http://127.0.0.1:4010/oauth2/token',
        clientId: 'mock-client-id',
        isMock: true,
        timeoutMs: 10_000,
        amountUnit: 'rupees',
        transactionType: 'P2M',
      },
      recoveryGraceMs: 35_000,
      logFlushMs: 100,
    });
    expect(config.apiKeys.size).toBe(0);
  });

  const instances = [
    { given: {}, want: `${hostname()}:8080` },
    { given: { PORT: '9000' }, want: `${hostname()}:9000` },
    { given: { PORT: '0' }, want: undefined },
    { given: { PORT: '0', GATEWAY_INSTANCE_ID: 'gw-1' }, want: 'gw-1' },
  ];
  it.each(instances)('instanceId for $given is $want', ({ given, want }) => {
    expect(parseConfig(given).instanceId).toBe(want);
  });

  it('follows MOCK_PORT for the default upstream', () => {
    const config = parseConfig({ MOCK_PORT: '5010' });
    expect(config.upstream.baseUrl).toBe('http://127.0.0.1:5010');
    expect(config.upstream.tokenUrl).toBe('http://127.0.0.1:5010/oauth2/token');
  });

  it('keeps the client secret out of JSON.stringify', async () => {
    const config = parseConfig({ ONELINK_CLIENT_SECRET: 'very-secret-value' });
    expect(await config.upstream.clientSecret({ reason: 'initial' })).toBe('very-secret-value');
    expect(JSON.stringify(config)).not.toContain('very-secret-value');
  });
});

describe('secrets from env or *_FILE', () => {
  const cases = [
    { given: { ONELINK_CLIENT_SECRET_FILE: dir.join('secret.txt') }, want: 'file-secret-value' },
    { given: { ONELINK_CLIENT_SECRET: 'env-secret' }, want: 'env-secret' },
  ];
  it.each(cases)('$given', async ({ given, want }) => {
    expect(await parseConfig(given).upstream.clientSecret({ reason: 'initial' })).toBe(want);
  });
  it('the mock default needs no secret', async () => {
    expect(await parseConfig({}).upstream.clientSecret({ reason: 'initial' })).toBe('mock-client-secret');
  });
  it('re-reads ONELINK_CLIENT_SECRET_FILE on each call, so a rotated file is picked up', async () => {
    const file = dir.join('rotating.txt');
    writeFileSync(file, 'before-rotation\n');
    const secret = parseConfig({ ONELINK_CLIENT_SECRET_FILE: file }).upstream.clientSecret;
    expect(await secret({ reason: 'initial' })).toBe('before-rotation');
    writeFileSync(file, 'after-rotation\n');
    expect(await secret({ reason: 'rotation' })).toBe('after-rotation');
  });
  it('reads API keys from GATEWAY_API_KEYS_FILE', () => {
    const config = parseConfig({ GATEWAY_API_KEYS_FILE: dir.join('keys.txt') });
    expect(config.apiKeys.verify('file-key-0123456789abcdef')).toBeDefined();
  });
});

describe('errors name the variable and the rule, never a secret value', () => {
  const upstream = {
    ONELINK_BASE_URL: 'https://api.example.test/1Link',
    ONELINK_TOKEN_URL: 'https://api.example.test/oauth2/token',
    ONELINK_CLIENT_ID: 'id',
    ONELINK_CLIENT_SECRET: 's3cr3t-do-not-print',
  };
  const cases: Array<{ given: Record<string, string>; variable: string; rule: RegExp }> = [
    { given: { PORT: 'eighty' }, variable: 'PORT', rule: /integer/ },
    { given: { PORT: '70000' }, variable: 'PORT', rule: /between 0 and 65535/ },
    { given: { MOCK_PORT: '0' }, variable: 'MOCK_PORT', rule: /between 1 and 65535/ },
    { given: { DATABASE_URL: 'mysql://x' }, variable: 'DATABASE_URL', rule: /sqlite:PATH or postgres/ },
    { given: { DATABASE_URL: 'sqlite:' }, variable: 'DATABASE_URL', rule: /file path/ },
    { given: { DATABASE_URL: 'sqlite::memory:' }, variable: 'DATABASE_URL', rule: /not supported/ },
    { given: { GATEWAY_API_KEYS: 'short' }, variable: 'GATEWAY_API_KEYS', rule: /entry 1: .*at least 16/ },
    { given: { GATEWAY_API_KEYS: 'sha256:abc' }, variable: 'GATEWAY_API_KEYS', rule: /64 hex/ },
    {
      given: { GATEWAY_API_KEYS: 'a', GATEWAY_API_KEYS_FILE: dir.join('keys.txt') },
      variable: 'GATEWAY_API_KEYS',
      rule: /not both/,
    },
    {
      given: { GATEWAY_API_KEYS_FILE: dir.join('missing.txt') },
      variable: 'GATEWAY_API_KEYS_FILE',
      rule: /cannot read .*missing\.txt.*ENOENT/,
    },
    {
      given: { GATEWAY_API_KEYS_FILE: dir.join('empty.txt') },
      variable: 'GATEWAY_API_KEYS_FILE',
      rule: /empty/,
    },
    {
      given: { ...upstream, ONELINK_CLIENT_SECRET_FILE: dir.join('secret.txt') },
      variable: 'ONELINK_CLIENT_SECRET',
      rule: /not both/,
    },
    {
      given: { ONELINK_CLIENT_SECRET_FILE: dir.join('missing.txt') },
      variable: 'ONELINK_CLIENT_SECRET_FILE',
      rule: /cannot read .*ENOENT/,
    },
    {
      given: { ONELINK_CLIENT_SECRET_FILE: dir.join('empty.txt') },
      variable: 'ONELINK_CLIENT_SECRET_FILE',
      rule: /empty/,
    },
    { given: { ONELINK_BASE_URL: 'not a url' }, variable: 'ONELINK_BASE_URL', rule: /absolute http/ },
    { given: { ONELINK_BASE_URL: 'ftp://x' }, variable: 'ONELINK_BASE_URL', rule: /http or https/ },
    {
      given: { ...upstream, ONELINK_TOKEN_URL: '' },
      variable: 'ONELINK_TOKEN_URL',
      rule: /required when ONELINK_BASE_URL/,
    },
    { given: { ...upstream, ONELINK_CLIENT_ID: '' }, variable: 'ONELINK_CLIENT_ID', rule: /required/ },
    {
      given: { ...upstream, ONELINK_CLIENT_SECRET: '' },
      variable: 'ONELINK_CLIENT_SECRET',
      rule: /required/,
    },
    { given: { ...upstream, ONELINK_TIMEOUT_MS: '5' }, variable: 'ONELINK_TIMEOUT_MS', rule: /between/ },
    { given: { ...upstream, LOG_LEVEL: 'loud' }, variable: 'LOG_LEVEL', rule: /one of/ },
    { given: { LOG_FLUSH_MS: '5000' }, variable: 'LOG_FLUSH_MS', rule: /between 0 and 1000/ },
    { given: { LOG_FLUSH_MS: '-1' }, variable: 'LOG_FLUSH_MS', rule: /between 0 and 1000/ },
    { given: { LOG_FLUSH_MS: 'soon' }, variable: 'LOG_FLUSH_MS', rule: /integer/ },
    { given: { ONELINK_AMOUNT_UNIT: 'PKR' }, variable: 'ONELINK_AMOUNT_UNIT', rule: /one of rupees, paisa/ },
    {
      given: { ONELINK_TRANSACTION_TYPE: 'P 2 M' },
      variable: 'ONELINK_TRANSACTION_TYPE',
      rule: /printable characters without spaces/,
    },
    { given: { GATEWAY_PUBLIC_URL: 'nope' }, variable: 'GATEWAY_PUBLIC_URL', rule: /absolute http/ },
    {
      given: { GATEWAY_RRN_BLOCK_SIZE: '0' },
      variable: 'GATEWAY_RRN_BLOCK_SIZE',
      rule: /between 1 and 100000/,
    },
    { given: { GATEWAY_RRN_BLOCK_SIZE: '2.5' }, variable: 'GATEWAY_RRN_BLOCK_SIZE', rule: /integer/ },
    // The SQLite-only settings: an unknown value, and any value with Postgres.
    ...[
      { variable: 'GATEWAY_SQLITE_SYNCHRONOUS', unknown: 'off', rule: /one of normal, full/, known: 'full' },
      {
        variable: 'GATEWAY_SQLITE_CHECKPOINTS',
        unknown: 'never',
        rule: /one of background, inline/,
        known: 'inline',
      },
    ].flatMap(({ variable, unknown, rule, known }) => [
      { given: { [variable]: unknown }, variable, rule },
      { given: { DATABASE_URL: 'postgres://gw@db/gw', [variable]: known }, variable, rule: /SQLite only/ },
    ]),
    // The Postgres-only setting: an unknown value, and any value with SQLite.
    {
      given: { DATABASE_URL: 'postgres://gw@db/gw', GATEWAY_PG_STATEMENTS: 'prepared' },
      variable: 'GATEWAY_PG_STATEMENTS',
      rule: /one of named, unnamed/,
    },
    { given: { GATEWAY_PG_STATEMENTS: 'unnamed' }, variable: 'GATEWAY_PG_STATEMENTS', rule: /Postgres only/ },
  ];
  it.each(cases)('$variable: $rule', ({ given, variable, rule }) => {
    const error = thrownBy(() => parseConfig(given), ConfigError);
    expect(error.variable).toBe(variable);
    expect(error.message).toMatch(new RegExp(`^${variable}: `));
    expect(error.rule).toMatch(rule);
    expect(`${error.message}${JSON.stringify(error)}`).not.toContain('s3cr3t-do-not-print');
  });

  it('a real upstream with all four variables is accepted', () => {
    expect(parseConfig(upstream).upstream).toMatchObject({ isMock: false, clientId: 'id' });
  });
});

describe('parseDatabaseUrl', () => {
  const cases = [
    { given: undefined, want: { client: 'sqlite', filename: '/w/data/gateway.sqlite' } },
    { given: 'sqlite:./db/gw.sqlite', want: { client: 'sqlite', filename: '/w/db/gw.sqlite' } },
    { given: 'sqlite:/var/lib/gw.sqlite', want: { client: 'sqlite', filename: '/var/lib/gw.sqlite' } },
    { given: 'sqlite:///var/lib/gw.sqlite', want: { client: 'sqlite', filename: '/var/lib/gw.sqlite' } },
    {
      given: 'postgres://gw@127.0.0.1:5432/gw',
      want: { client: 'postgres', connectionString: 'postgres://gw@127.0.0.1:5432/gw' },
    },
    {
      given: 'postgresql://gw@db/gw',
      want: { client: 'postgres', connectionString: 'postgresql://gw@db/gw' },
    },
  ];
  it.each(cases)('$given', ({ given, want }) => {
    expect(parseDatabaseUrl(given, '/w')).toEqual(want);
  });
});

describe('storage settings', () => {
  const cases = [
    {
      given: {},
      want: { rrnBlockSize: 100, database: { client: 'sqlite', filename: '/w/data/gateway.sqlite' } },
    },
    {
      given: { GATEWAY_RRN_BLOCK_SIZE: '1', GATEWAY_SQLITE_SYNCHRONOUS: 'FULL' },
      want: {
        rrnBlockSize: 1,
        database: { client: 'sqlite', filename: '/w/data/gateway.sqlite', synchronous: 'full' },
      },
    },
    {
      given: { DATABASE_URL: 'sqlite:gw.sqlite', GATEWAY_SQLITE_SYNCHRONOUS: 'normal' },
      want: { database: { client: 'sqlite', filename: '/w/gw.sqlite', synchronous: 'normal' } },
    },
    {
      given: { GATEWAY_SQLITE_CHECKPOINTS: ' Inline ' },
      want: { database: { client: 'sqlite', filename: '/w/data/gateway.sqlite', checkpoints: 'inline' } },
    },
    {
      given: { DATABASE_URL: 'postgres://gw@db/gw' },
      want: { database: { client: 'postgres', connectionString: 'postgres://gw@db/gw' } },
    },
    {
      given: { DATABASE_URL: 'postgres://gw@db/gw', GATEWAY_PG_STATEMENTS: 'UNNAMED' },
      want: {
        database: { client: 'postgres', connectionString: 'postgres://gw@db/gw', statements: 'unnamed' },
      },
    },
  ];
  it.each(cases)('$given', ({ given, want }) => {
    const config = parseConfig(given, '/w');
    expect({ ...want, database: config.database, rrnBlockSize: config.rrnBlockSize }).toEqual({
      rrnBlockSize: config.rrnBlockSize,
      ...want,
    });
  });
});

describe('amount unit and transaction type: one setting each', () => {
  it.each([
    { given: {}, want: { amountUnit: 'rupees', transactionType: 'P2M' } },
    {
      given: { ONELINK_AMOUNT_UNIT: 'paisa', ONELINK_TRANSACTION_TYPE: '064' },
      want: { amountUnit: 'paisa', transactionType: '064' },
    },
    { given: { ONELINK_AMOUNT_UNIT: ' rupees ' }, want: { amountUnit: 'rupees', transactionType: 'P2M' } },
  ])('$given → $want', ({ given, want }) => {
    expect(parseConfig(given).upstream).toMatchObject(want);
  });
});

describe('LOG_FLUSH_MS: how long a log line may wait before it is written', () => {
  it.each([
    { given: {}, want: 100 },
    { given: { LOG_FLUSH_MS: '0' }, want: 0 },
    { given: { LOG_FLUSH_MS: '1000' }, want: 1000 },
  ])('$given → $want', ({ given, want }) => {
    expect(parseConfig(given).logFlushMs).toBe(want);
  });
});
