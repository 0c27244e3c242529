import path from 'node:path';
import type { Fixture } from '@onelink-kit/mock';
import { findOperation, loadSpec, OpenApiValidator } from '@onelink-kit/mock';
import { afterAll, describe, expect, it } from 'vitest';
import { MINI_SPEC, makeTempLayout, miniFixture } from '../support/temp-layout.js';

const layout = makeTempLayout({ specs: { 'mini.yaml': MINI_SPEC } });
afterAll(() => layout.cleanup());
const spec = loadSpec(path.join(layout.specDir, 'mini.yaml'), layout.repoRoot);
const validator = new OpenApiValidator([spec]);
const issuesOf = (operationId: string, f: Fixture) =>
  validator.validateFixture(findOperation([spec], operationId)!, f).map((i) => `${i.location}: ${i.message}`);

const form = { 'content-type': 'application/x-www-form-urlencoded' };
const getOrder = (over: Partial<Fixture['request']>) =>
  miniFixture({
    request: {
      method: 'GET',
      path: '/orders/123',
      headers: { 'x-client-id': '<CLIENT_ID>', authorization: 'Bearer <ACCESS_TOKEN>', 'x-trace': 'ab' },
      body: undefined,
      ...over,
    },
  });

describe('OpenApiValidator.validateFixture', () => {
  it.each([
    { name: 'a valid exchange', op: 'miniCreateOrder', given: miniFixture({}), want: [] },
    {
      name: 'every body error, not just the first',
      op: 'miniCreateOrder',
      given: miniFixture({ request: { body: { ref: '12', amount: 0 } }, response: { body: {} } }),
      want: [
        'request.body.ref: must match pattern "^[0-9]{12}$" (pattern)',
        'request.body.amount: must be >= 1 (minimum)',
        "response.body: must have required property 'code' (required)",
      ],
    },
    {
      name: 'missing credentials',
      op: 'miniCreateOrder',
      given: miniFixture({ request: { headers: { 'content-type': 'application/json' } } }),
      want: [
        'request.headers: no security requirement satisfied (missing clientId: header X-Client-Id + bearer: Authorization bearer)',
      ],
    },
    {
      name: 'an undeclared status',
      op: 'miniCreateOrder',
      given: miniFixture({ response: { status: 429 } }),
      want: ['response.status: 429 is not declared by the spec (declared: 200, 400, 401)'],
    },
    {
      name: 'a wrong request content type',
      op: 'miniCreateOrder',
      given: miniFixture({
        request: { headers: { ...form, 'x-client-id': 'a', authorization: 'Bearer b' } },
      }),
      want: [
        'request.headers.content-type: "application/x-www-form-urlencoded" is not one of application/json',
      ],
    },
    {
      name: 'a form body with an unknown field (decoded fields are validated like JSON)',
      op: 'miniToken',
      given: miniFixture({
        request: {
          path: '/token',
          headers: form,
          body: {
            grant_type: 'client_credentials',
            client_id: '<ID>',
            client_secret: '<SECRET>',
            extra: 'x',
          },
        },
        response: { body: { access_token: '<ACCESS_TOKEN>' } },
      }),
      want: ['request.body: must NOT have additional properties "extra" (additionalProperties)'],
    },
    {
      name: 'path and header parameters',
      op: 'miniGetOrder',
      given: getOrder({
        path: '/orders/abc',
        headers: { 'x-client-id': 'a', authorization: 'Bearer b', 'x-trace': 'toolong' },
      }),
      want: [
        'request.path.orderId: must match pattern "^[0-9]+$" (pattern)',
        'request.headers.x-trace: must NOT have more than 4 characters (maxLength)',
      ],
    },
    {
      name: 'a required header parameter that is missing',
      op: 'miniGetOrder',
      given: getOrder({ headers: { 'x-client-id': 'a', authorization: 'Bearer b' } }),
      want: ['request.headers.x-trace: is required by the spec but missing'],
    },
    {
      name: 'a path that is not the operation path',
      op: 'miniCreateOrder',
      given: miniFixture({ request: { path: '/base/api/orders' } }),
      want: ['request.path: "/base/api/orders" does not match spec path "/orders"'],
    },
  ])('reports $name', ({ op, given, want }) => {
    expect(issuesOf(op, given)).toEqual(want);
  });
});
