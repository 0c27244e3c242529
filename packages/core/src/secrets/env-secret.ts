import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { SecretUnavailableError } from './secret-error.js';
import type { SecretProvider } from './secret-reader.js';

type Env = Readonly<Record<string, string | undefined>>;

export interface EnvSecretOptions {
  /** Where relative `NAME_FILE` paths are resolved. Default: the process's working directory. */
  cwd?: string | undefined;
}

/** Where `NAME`'s value comes from, decided by the one rule; undefined when neither is set. */
type SecretLocation = { from: 'env'; value: string } | { from: 'file'; variable: string; path: string };

/**
 * The one `NAME` / `NAME_FILE` rule: blank counts as unset, and setting both is an error naming both,
 * so a stale variable can never silently win over (or lose to) a mounted secret file.
 */
function locate(name: string, env: Env, cwd: string | undefined): SecretLocation | undefined {
  const fileVariable = `${name}_FILE`;
  const direct = env[name]?.trim() || undefined;
  const file = env[fileVariable]?.trim() || undefined;
  if (direct !== undefined && file !== undefined) {
    const rule = `set either ${name} or ${fileVariable}, not both`;
    throw new SecretUnavailableError(`${name}: ${rule}`, { variable: name, rule });
  }
  if (file !== undefined) {
    return {
      from: 'file',
      variable: fileVariable,
      path: isAbsolute(file) ? file : resolve(cwd ?? '.', file),
    };
  }
  return direct === undefined ? undefined : { from: 'env', value: direct };
}

/** The secret in a file's text: surrounding whitespace (the newline `echo` adds) dropped, never empty. */
function fromText(text: string, label: string, path: string, variable: string | undefined): string {
  const value = text.trim();
  if (value === '') {
    const rule = `${path} is empty`;
    throw new SecretUnavailableError(`${label}: ${rule}`, { variable, rule });
  }
  return value;
}

function unreadable(error: unknown, label: string, path: string, variable: string | undefined) {
  const code = (error as { code?: string }).code ?? 'read failed';
  // The path is configuration, not a secret; the content never reaches this message.
  const rule = `cannot read ${path} (${code})`;
  return new SecretUnavailableError(`${label}: ${rule}`, { variable, rule });
}

/**
 * Reads `NAME` or the file `NAME_FILE` names, once, now: for start-up checks that must fail before
 * anything is served. Undefined when neither is set; SecretUnavailableError (naming the variable)
 * when both are set or the file cannot be read or is empty.
 */
export function readEnvSecret(
  name: string,
  env: Env = process.env,
  options: EnvSecretOptions = {},
): string | undefined {
  const at = locate(name, env, options.cwd);
  if (at === undefined || at.from === 'env') return at?.value;
  let text: string;
  try {
    text = readFileSync(at.path, 'utf8');
  } catch (error) {
    throw unreadable(error, at.variable, at.path, at.variable);
  }
  return fromText(text, at.variable, at.path, at.variable);
}

/**
 * A provider for `NAME` or the file `NAME_FILE` names, under the same rule as readEnvSecret. Every
 * call reads afresh, so a rotated file or variable is picked up on the next read (a SecretReader
 * asks again after an auth failure). Neither set is an error here: the secret is required.
 */
export function fromEnv(
  name: string,
  env: Env = process.env,
  options: EnvSecretOptions = {},
): SecretProvider {
  return async () => {
    const at = locate(name, env, options.cwd);
    if (at === undefined) {
      const rule = `is not set (nor ${name}_FILE)`;
      throw new SecretUnavailableError(`${name} ${rule}`, { variable: name, rule });
    }
    if (at.from === 'env') return at.value;
    return readSecretFile(at.path, at.variable, at.variable);
  };
}

/** Reads a secret from a file on every call; surrounding whitespace is dropped, an empty file refused. */
export function fromFile(path: string, label = 'secret file'): SecretProvider {
  return () => readSecretFile(path, label, undefined);
}

async function readSecretFile(path: string, label: string, variable: string | undefined): Promise<string> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw unreadable(error, label, path, variable);
  }
  return fromText(text, label, path, variable);
}
