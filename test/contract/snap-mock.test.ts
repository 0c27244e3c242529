import {
  defaultLayout,
  headerValue,
  indexFixtures,
  preferHeader,
  TEST_SNAP_CLIENT_SECRET,
} from '@onelink-kit/mock';
import { verifySnap } from '@onelink-kit/signing';
import { createSnapClient, SnapApiError, snapResponseCodes } from '@onelink-kit/snap';
import { rejectedBy } from '@onelink-kit/testkit';
import { describe, expect, it } from 'vitest';
import { sharedMock } from '../support/shared-mock.js';

// @onelink-kit/snap against Prism serving spec/snap-card-binding.yaml + its fixtures (as `pnpm mock` does,
// built into a temp dir, on an OS-chosen loopback port). For every scenario the client sends the request the
// fixture recorded — same path and query byte for byte, same X-SIGNATURE — and maps the answer: success to
// its auth code, every error to SnapApiError with the kind and retryability of the spec's table.
const SECRET = TEST_SNAP_CLIENT_SECRET;

const layout = defaultLayout();
const index = indexFixtures(layout);
const fixtures = index.fixtures.filter((f) => f.operationId === 'getOAuthCode');

const mock = sharedMock('snap-card-binding');

describe('snap client against Prism', () => {
  it.each(fixtures.map((f) => ({ name: f.scenario, f })))('$name', async ({ f }) => {
    const req = f.fixture.request;
    const h = (name: string) => headerValue(req.headers, name)!;
    const query = new URL(req.path, 'http://x').searchParams;
    const sent: Request[] = [];
    const client = createSnapClient({
      baseUrl: mock.url,
      accessToken: h('authorization').replace(/^Bearer /, ''),
      clientSecret: SECRET,
      partnerId: h('x-partner-id'),
      channelId: h('channel-id'),
      clientKey: h('x-client-key'),
      fetch: async (input, init) => {
        const r = new Request(input, init);
        sent.push(r.clone());
        return fetch(r);
      },
    });
    const call = client.getOAuthCode(
      {
        redirectUrl: query.get('redirectUrl')!,
        failureRedirectUrl: query.get('failureRedirectUrl')!,
        lang: query.get('lang') as 'EN',
        merchantId: query.get('merchantId')!,
        state: query.get('state')!,
        seamlessData: JSON.parse(query.get('seamlessData')!),
        additionalInfo: JSON.parse(query.get('additionalInfo')!),
        externalId: h('x-external-id'),
        timestamp: h('x-timestamp'),
      },
      { headers: { Prefer: preferHeader(f.fixture.response.status, f.scenario) } },
    );
    const body = f.fixture.response.body as { responseCode: string; authCode?: string };
    if (f.scenario === 'success') {
      const got = await call;
      expect(got).toMatchObject({ status: 200, authCode: body.authCode, data: body });
    } else {
      const err = await rejectedBy(call, SnapApiError);
      const entry = snapResponseCodes.get(body.responseCode)!;
      expect(err).toMatchObject({
        status: f.fixture.response.status,
        responseCode: body.responseCode,
        kind: entry.kind,
        retryable: entry.retryable,
        externalId: h('x-external-id'),
      });
    }

    // What went over the wire is what the fixture recorded.
    const wire = sent[0]!;
    const url = new URL(wire.url);
    expect(url.pathname + url.search).toBe(req.path);
    const signature = wire.headers.get('x-signature')!;
    const input = {
      method: 'GET',
      urlPath: req.path,
      accessToken: h('authorization').replace(/^Bearer /, ''),
      timestamp: h('x-timestamp'),
    };
    expect(verifySnap(SECRET, input, signature)).toBe(true);
    if (f.scenario === 'invalid-signature') expect(signature).not.toBe(h('x-signature'));
    else expect(signature).toBe(h('x-signature'));
  });

  it('Prism itself rejects a request the client did not sign (missing X-SIGNATURE)', async () => {
    const f = fixtures.find((x) => x.scenario === 'success')!;
    const headers = Object.fromEntries(
      Object.entries(f.fixture.request.headers).filter(([k]) => k !== 'x-signature'),
    );
    const res = await fetch(`${mock.url}${f.fixture.request.path}`, { headers });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.headers.get('sl-violations') ?? '').toMatch(/x-signature/i);
  });
});
