import { readFile } from 'node:fs/promises';
import { OneLinkAuthError } from './errors.js';

/** Why the secret is being read: `rotation` follows an auth failure, so caches must be bypassed. */
export type SecretReadReason = 'initial' | 'rotation';

/** A secret given directly, or a function that fetches it (env, file, vault), sync or async. */
export type SecretProvider = (context: { reason: SecretReadReason }) => string | Promise<string>;
export type SecretSource = string | SecretProvider;

/**
 * Reads `NAME_FILE` (a path, e.g. a vault- or Kubernetes-mounted secret) if set, else `NAME`.
 * Every call reads afresh, so a rotated file or variable is picked up on the next read.
 */
export function fromEnv(name: string, env: NodeJS.ProcessEnv = process.env): SecretProvider {
  return async () => {
    const file = env[`${name}_FILE`];
    if (file) return fromFile(file, `${name}_FILE`)({ reason: 'initial' });
    const value = env[name];
    if (value === undefined || value === '') {
      throw new OneLinkAuthError(`${name} is not set (nor ${name}_FILE)`, { reason: 'secret-unavailable' });
    }
    return value;
  };
}

/** Reads a secret from a file on every call; one trailing newline (as `echo` writes) is dropped. */
export function fromFile(path: string, label = 'secret file'): SecretProvider {
  return async () => {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      const code = (error as { code?: string }).code ?? 'read failed';
      // The path is configuration, not a secret; the content never reaches this message.
      throw new OneLinkAuthError(`${label}: cannot read ${path} (${code})`, { reason: 'secret-unavailable' });
    }
    const value = text.replace(/\r?\n$/, '');
    if (value === '') {
      throw new OneLinkAuthError(`${label}: ${path} is empty`, { reason: 'secret-unavailable' });
    }
    return value;
  };
}

/**
 * Caches the secret between token requests and re-reads it after `invalidate()` (called on an auth
 * failure), so rotation needs no restart. Concurrent reads share one provider call.
 */
export class SecretReader {
  readonly #source: SecretSource;
  #cached: Promise<string> | undefined;
  #reason: SecretReadReason = 'initial';

  constructor(source: SecretSource) {
    if (typeof source !== 'string' && typeof source !== 'function') {
      throw new TypeError('clientSecret must be a string or a function returning the secret');
    }
    this.#source = source;
  }

  read(): Promise<string> {
    if (!this.#cached) {
      const source = this.#source;
      const reason = this.#reason;
      const pending = (async () => (typeof source === 'string' ? source : await source({ reason })))();
      this.#cached = pending;
      // A failed read must not stick: the next call tries again.
      pending.catch(() => {
        if (this.#cached === pending) this.#cached = undefined;
      });
    }
    return this.#cached;
  }

  /** Forget the cached secret; the next read asks the provider again. */
  invalidate(): void {
    this.#cached = undefined;
    this.#reason = 'rotation';
  }

  /** Secret values are never printed, even by accident. */
  toJSON(): string {
    return '[SecretReader]';
  }
}
