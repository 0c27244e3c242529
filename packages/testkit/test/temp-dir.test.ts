import { existsSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { closedPortUrl, freePort, makeTempDir, tempDirPerTest } from '../src/index.js';

describe('makeTempDir', () => {
  it('makes a fresh directory under the OS temp dir and removes it with its files', () => {
    const dir = makeTempDir('testkit-');
    const other = makeTempDir('testkit-');
    expect(dir.path.startsWith(tmpdir())).toBe(true);
    expect(dir.path).not.toBe(other.path);
    writeFileSync(dir.join('a.txt'), 'x');
    expect(existsSync(dir.join('a.txt'))).toBe(true);
    dir.remove();
    other.remove();
    expect(existsSync(dir.path)).toBe(false);
  });
});

describe('tempDirPerTest', () => {
  const dir = tempDirPerTest('testkit-each-');
  const seen: string[] = [];
  it('gives a test a fresh directory under the OS temp dir', () => {
    seen.push(dir.path);
    expect(dir.path.startsWith(tmpdir())).toBe(true);
    writeFileSync(dir.join('a.txt'), 'x');
    expect(existsSync(dir.join('a.txt'))).toBe(true);
  });
  it('gives the next test another one, the last one removed with its files', () => {
    seen.push(dir.path);
    expect(seen[1]).not.toBe(seen[0]);
    expect(existsSync(seen[0]!)).toBe(false);
    expect(existsSync(dir.join('a.txt'))).toBe(false);
  });
});

describe('closedPortUrl', () => {
  it('names a loopback port where a connection is refused', async () => {
    const url = new URL(await closedPortUrl());
    expect(url.hostname).toBe('127.0.0.1');
    await expect(fetch(url)).rejects.toMatchObject({ cause: { code: 'ECONNREFUSED' } });
    // The port is free: something can listen on it.
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(Number(url.port), '127.0.0.1', resolve));
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
});

describe('freePort', () => {
  it('gives a port something can listen on right away', async () => {
    const port = await freePort();
    expect(port).toBeGreaterThan(0);
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
});
