/** A header name as the Fetch standard accepts one (an HTTP token). */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** HTTP whitespace at either end of a value, which the Fetch standard strips. */
const EDGE_WHITESPACE = /^[\t\n\r ]+|[\t\n\r ]+$/g;
const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/**
 * The headers of an answer node:http has already parsed (its `rawHeaders`: name, value, name, value…),
 * read as the `Headers` of a fetch Response: names without regard to case, repeated headers joined
 * with ", " (Set-Cookie kept apart for `getSetCookie()`), iteration sorted by name, and no changes
 * (the headers of what `fetch` answers are immutable).
 *
 * The platform's class checks and copies each header again on `append`: filling one for every 1LINK
 * answer was 3.6% of the gateway's busy time in a profile of one-connection creates, 0.4% with this
 * class (the gateway README's Performance section). node:http has already checked the names and values.
 *
 * It is not the platform's class (`instanceof Headers` is false): code that takes either reads it
 * through the members they share (see `redactHeaders`).
 */
export class AnswerHeaders implements Headers {
  /** Lower-case name → its values in the order they came. */
  readonly #values = new Map<string, string[]>();

  constructor(raw: readonly string[]) {
    for (let i = 0; i + 1 < raw.length; i += 2) {
      const name = (raw[i] as string).toLowerCase();
      const value = trimmed(raw[i + 1] as string);
      const values = this.#values.get(name);
      if (values === undefined) this.#values.set(name, [value]);
      else values.push(value);
    }
  }

  get(name: string): string | null {
    const values = this.#values.get(lowerName(name));
    return values === undefined ? null : joined(values);
  }

  has(name: string): boolean {
    return this.#values.has(lowerName(name));
  }

  getSetCookie(): string[] {
    return [...(this.#values.get('set-cookie') ?? [])];
  }

  append(): never {
    throw immutable();
  }
  set(): never {
    throw immutable();
  }
  delete(): never {
    throw immutable();
  }

  forEach(callback: (value: string, name: string, parent: Headers) => void, thisArg?: unknown): void {
    for (const [name, value] of this.entries()) callback.call(thisArg, value, name, this);
  }

  /** Sorted by name; each Set-Cookie on its own, every other name once with its values joined. */
  *entries(): IterableIterator<[string, string]> {
    for (const name of [...this.#values.keys()].sort()) {
      const values = this.#values.get(name) as string[];
      if (name === 'set-cookie') for (const value of values) yield [name, value];
      else yield [name, joined(values)];
    }
  }

  *keys(): IterableIterator<string> {
    for (const [name] of this.entries()) yield name;
  }

  *values(): IterableIterator<string> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }

  /** What `console.log` and `util.inspect` show: the headers as one object, name → value. */
  [INSPECT](): Record<string, string> {
    return Object.fromEntries(this.entries());
  }
}

/** The name in lower case; one that is not an HTTP token throws, as the platform's methods do. */
function lowerName(name: string): string {
  if (!TOKEN.test(name)) throw new TypeError(`Invalid header name: "${name}"`);
  return name.toLowerCase();
}

/** A name's values as one, as the Fetch standard combines them. */
function joined(values: readonly string[]): string {
  return values.length === 1 ? (values[0] as string) : values.join(', ');
}

function trimmed(value: string): string {
  const first = value.charCodeAt(0);
  const last = value.charCodeAt(value.length - 1);
  const edge = (code: number) => code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
  return edge(first) || edge(last) ? value.replace(EDGE_WHITESPACE, '') : value;
}

function immutable(): TypeError {
  return new TypeError('immutable');
}
