import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fromEnv, SecretReader } from '../../src/index.js';

describe('SecretReader', () => {
  it('caches until invalidated, then asks again with reason rotation', async () => {
    const reasons: string[] = [];
    let n = 0;
    const reader = new SecretReader(({ reason }) => {
      reasons.push(reason);
      return `s${++n}`;
    });
    expect(await Promise.all([reader.read(), reader.read()])).toEqual(['s1', 's1']);
    reader.invalidate();
    expect(await reader.read()).toBe('s2');
    expect(reasons).toEqual(['initial', 'rotation']);
    expect(JSON.stringify({ reader })).not.toContain('s2');
  });

  it('does not cache a failed read', async () => {
    let fail = true;
    const reader = new SecretReader(async () => {
      if (fail) throw new Error('vault down');
      return 'ok';
    });
    await expect(reader.read()).rejects.toThrow('vault down');
    fail = false;
    expect(await reader.read()).toBe('ok');
  });

  it('rejects a source that is neither a string nor a function', () => {
    expect(() => new SecretReader(42 as never)).toThrow(/clientSecret must be a string or a function/);
  });
});

describe('SecretReader over NAME_FILE', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'onelink-secret-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the first value until invalidated, then picks up the rotated file', async () => {
    const path = join(dir, 'secret');
    writeFileSync(path, 'secret-A\n');
    const reader = new SecretReader(fromEnv('S', { S_FILE: path }));
    expect(await reader.read()).toBe('secret-A');
    writeFileSync(path, 'secret-B\n');
    expect(await reader.read()).toBe('secret-A');
    reader.invalidate();
    expect(await reader.read()).toBe('secret-B');
  });
});
