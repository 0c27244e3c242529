/** A string somewhere in a JSON value, with its JSONPath (`$.data.qr`, `$.items[0]`, `$['a b']`). */
export interface JsonString {
  path: string;
  value: string;
}

export interface JsonWalkLimits {
  /** Objects and arrays nested deeper than this are not entered. Default 16. */
  maxDepth?: number;
  /** At most this many values are visited in all. Default 10 000. */
  maxNodes?: number;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return IDENTIFIER.test(key) ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`;
}

/**
 * Every string in `value`, breadth first (so a field near the top is found before one nested deep),
 * without recursion and within the limits, so an answer of any shape or depth cannot exhaust the
 * stack or the CPU.
 */
export function jsonStrings(value: unknown, limits: JsonWalkLimits = {}): JsonString[] {
  const maxDepth = limits.maxDepth ?? 16;
  const maxNodes = limits.maxNodes ?? 10_000;
  const found: JsonString[] = [];
  const queue: { value: unknown; path: string; depth: number }[] = [{ value, path: '$', depth: 0 }];
  let visited = 0;
  for (let i = 0; i < queue.length && visited < maxNodes; i++) {
    const node = queue[i]!;
    visited++;
    if (typeof node.value === 'string') {
      found.push({ path: node.path, value: node.value });
      continue;
    }
    if (node.value === null || typeof node.value !== 'object' || node.depth >= maxDepth) continue;
    const entries: [string | number, unknown][] = Array.isArray(node.value)
      ? node.value.map((v, index) => [index, v])
      : Object.entries(node.value);
    for (const [key, child] of entries) {
      if (queue.length >= maxNodes) break;
      queue.push({ value: child, path: childPath(node.path, key), depth: node.depth + 1 });
    }
  }
  return found;
}
