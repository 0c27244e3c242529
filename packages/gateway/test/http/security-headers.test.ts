import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { securityHeaders } from '../../src/http/security-headers.js';

async function serve(origins: string[]): Promise<{ url: string; server: Server }> {
  const app = express();
  app.use(...securityHeaders(origins));
  app.get('/v1/qr/x', (_req, res) => {
    res.json({ qr: 'payload' });
  });
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const ORIGIN = 'https://shop.example';

describe('security headers without CORS origins', () => {
  let target: { url: string; server: Server };
  beforeAll(async () => {
    target = await serve([]);
  });
  afterAll(() => new Promise<void>((resolve) => target.server.close(() => resolve())));

  it('sends nosniff, no framing, a CSP that allows nothing and no-store under /v1', async () => {
    const res = await fetch(`${target.url}/v1/qr/x`, { headers: { Origin: ORIGIN } });
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none';frame-ancestors 'none'");
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    expect(res.headers.get('cache-control')).toBe('no-store');
    // CORS off: a browser on another origin cannot read the answer.
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('leaves probes cacheable by default (no QR or payer data there)', async () => {
    const res = await fetch(`${target.url}/healthz`);
    expect(res.headers.get('cache-control')).toBeNull();
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers no preflight', async () => {
    const res = await fetch(`${target.url}/v1/qr/x`, {
      method: 'OPTIONS',
      headers: { Origin: ORIGIN, 'Access-Control-Request-Method': 'GET' },
    });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('security headers with GATEWAY_CORS_ORIGINS', () => {
  let target: { url: string; server: Server };
  beforeAll(async () => {
    target = await serve([ORIGIN]);
  });
  afterAll(() => new Promise<void>((resolve) => target.server.close(() => resolve())));

  it('allows the named origin, with the headers a caller needs', async () => {
    const res = await fetch(`${target.url}/v1/qr/x`, {
      method: 'OPTIONS',
      headers: {
        Origin: ORIGIN,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization,idempotency-key,content-type',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(res.headers.get('access-control-allow-methods')).toBe('GET,POST');
    expect(res.headers.get('access-control-allow-headers')).toBe(
      'Authorization,X-API-Key,Content-Type,Idempotency-Key,X-Request-Id',
    );
    const get = await fetch(`${target.url}/v1/qr/x`, { headers: { Origin: ORIGIN } });
    expect(get.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(get.headers.get('access-control-expose-headers')).toContain('X-Request-Id');
    expect(get.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
  });

  it('does not allow another origin', async () => {
    const res = await fetch(`${target.url}/v1/qr/x`, { headers: { Origin: 'https://evil.example' } });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});
