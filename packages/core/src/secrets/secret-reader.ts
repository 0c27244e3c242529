/** Why the secret is being read: `rotation` follows an auth failure, so caches must be bypassed. */
export type SecretReadReason = 'initial' | 'rotation';

/** A secret given directly, or a function that fetches it (env, file, vault), sync or async. */
export type SecretProvider = (context: { reason: SecretReadReason }) => string | Promise<string>;
export type SecretSource = string | SecretProvider;

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
