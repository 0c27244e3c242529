import { writeFileSync } from 'node:fs';
import { inspect } from 'node:util';
import { tempDirPerTest } from '@onelink-kit/testkit';
import { describe, expect, it } from 'vitest';
import {
  fromEnv,
  fromFile,
  OneLinkAuthError,
  readEnvSecret,
  SecretUnavailableError,
} from '../../src/index.js';

const dir = tempDirPerTest('onelink-secret-');

describe('fromEnv', () => {
  it.each([
    { given: { env: { S: 'from-env' } }, want: 'from-env' },
    // One rule for every reader: both set is an error (below), so only the file is set here.
    { given: { env: { S_FILE: 'file' }, file: 'from-file\n' }, want: 'from-file' },
    { given: { env: { S_FILE: 'file' }, file: '  padded-file \n\n' }, want: 'padded-file' },
    { given: { env: { S: ' from-env ', S_FILE: ' ' } }, want: 'from-env' },
    { given: { env: { S_FILE: 'file' }, file: 'crlf-file\r\n' }, want: 'crlf-file' },
  ])('$given.env → $want', async ({ given, want }) => {
    const env: NodeJS.ProcessEnv = { ...given.env };
    if (given.file !== undefined) {
      env.S_FILE = dir.join('secret');
      writeFileSync(env.S_FILE, given.file);
    }
    expect(await fromEnv('S', env)({ reason: 'initial' })).toBe(want);
  });

  it.each([
    { given: {}, want: /^S is not set \(nor S_FILE\)$/ },
    { given: { S: '' }, want: /^S is not set/ },
    {
      given: { S_FILE: '/nonexistent/onelink-secret' },
      want: /S_FILE: cannot read \/nonexistent\/onelink-secret \(ENOENT\)/,
    },
  ])('$given → OneLinkAuthError $want', async ({ given, want }) => {
    const error = await Promise.resolve(fromEnv('S', given)({ reason: 'initial' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OneLinkAuthError);
    expect((error as Error).message).toMatch(want);
    expect(error).toMatchObject({ reason: 'secret-unavailable' });
  });

  it('reads the file afresh on every call', async () => {
    const path = dir.join('secret');
    writeFileSync(path, 'first');
    const provider = fromEnv('S', { S_FILE: path });
    expect(await provider({ reason: 'initial' })).toBe('first');
    writeFileSync(path, 'second');
    expect(await provider({ reason: 'rotation' })).toBe('second');
  });

  it('refuses an empty file without quoting it', async () => {
    const path = dir.join('secret');
    writeFileSync(path, '\n');
    await expect(Promise.resolve(fromFile(path)({ reason: 'initial' }))).rejects.toThrow(/is empty/);
  });
});

describe('one NAME / NAME_FILE rule for every reader', () => {
  const SECRET = 'canary-secret-value-9d1c';
  const read = {
    readEnvSecret: async (env: Record<string, string>) => readEnvSecret('S', env),
    fromEnv: async (env: Record<string, string>) => fromEnv('S', env)({ reason: 'initial' }),
  };
  const cases = [
    {
      given: 'both S and S_FILE',
      env: (file: string) => ({ S: SECRET, S_FILE: file }),
      want: { variable: 'S', rule: 'set either S or S_FILE, not both' },
    },
    {
      given: 'an empty S_FILE',
      env: (file: string) => {
        writeFileSync(file, ' \n');
        return { S_FILE: file };
      },
      want: { variable: 'S_FILE', rule: /secret is empty$/ },
    },
    {
      given: 'a missing S_FILE',
      env: (file: string) => ({ S_FILE: `${file}-missing` }),
      want: { variable: 'S_FILE', rule: /^cannot read .*secret-missing \(ENOENT\)$/ },
    },
  ];
  for (const [reader, readSecret] of Object.entries(read)) {
    it.each(cases)(
      `${reader}: $given → SecretUnavailableError naming $want.variable`,
      async ({ env, want }) => {
        const file = dir.join('secret');
        writeFileSync(file, SECRET);
        const error = await readSecret(env(file)).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(SecretUnavailableError);
        expect(error).toBeInstanceOf(OneLinkAuthError);
        expect(error).toMatchObject({
          variable: want.variable,
          rule: want.rule,
          reason: 'secret-unavailable',
        });
        expect((error as Error).message).toContain(want.variable);
        for (const text of [(error as Error).message, JSON.stringify(error), inspect(error)]) {
          expect(text).not.toContain(SECRET);
        }
      },
    );
  }

  it('readEnvSecret: unset (or blank) is undefined, so the caller decides on a default', () => {
    expect(readEnvSecret('S', {})).toBeUndefined();
    expect(readEnvSecret('S', { S: '  ', S_FILE: '' })).toBeUndefined();
  });

  it('readEnvSecret: reads S or the trimmed S_FILE, relative to cwd', () => {
    writeFileSync(dir.join('secret.txt'), 'file-secret\n');
    expect(readEnvSecret('S', { S: 'env-secret' })).toBe('env-secret');
    expect(readEnvSecret('S', { S_FILE: 'secret.txt' }, { cwd: dir.path })).toBe('file-secret');
  });

  it('fromEnv: a relative S_FILE is resolved against cwd on every read', async () => {
    const provider = fromEnv('S', { S_FILE: 'secret.txt' }, { cwd: dir.path });
    writeFileSync(dir.join('secret.txt'), 'first');
    expect(await provider({ reason: 'initial' })).toBe('first');
    writeFileSync(dir.join('secret.txt'), 'second\n');
    expect(await provider({ reason: 'rotation' })).toBe('second');
  });
});
