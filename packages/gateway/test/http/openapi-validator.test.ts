import { type FakeOneLink, startFakeOneLink } from '@onelink-kit/testkit';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiValidator } from '../../src/http/openapi-validator.js';
import { API_KEY, merchantRequest, startTestGateway } from '../support/gateway-harness.js';

// One validator per process, shared by every app it builds: each app still refuses what the spec
// refuses, and a route with a path parameter still reads its id, in whichever app is built later.

type Gateway = Awaited<ReturnType<typeof startTestGateway>>;
const bearer = { Authorization: `Bearer ${API_KEY}` };
let fake: FakeOneLink;
const gateways: Gateway[] = [];

beforeAll(async () => {
  fake = await startFakeOneLink();
  for (let i = 0; i < 2; i++) gateways.push(await startTestGateway(fake.url));
});
afterAll(async () => {
  for (const gw of gateways) await gw.cleanup();
  await fake?.stop();
});

describe('the shared OpenAPI validator', () => {
  it('is one middleware list per process', () => {
    expect(openApiValidator()).toBe(openApiValidator());
  });

  for (const which of [0, 1]) {
    it(`app ${which + 1} of 2 refuses a body the spec refuses, naming the field`, async () => {
      const res = await request(gateways[which]!.url)
        .post('/v1/qr/merchant')
        .set(bearer)
        .send({ ...merchantRequest, expiresInSeconds: 5 })
        .expect(400);
      expect(res.body.errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ field: 'body.expiresInSeconds', rule: 'minimum' }),
        ]),
      );
    });

    it(`app ${which + 1} of 2 creates a QR and reads it back by id`, async () => {
      const created = await request(gateways[which]!.url)
        .post('/v1/qr/merchant')
        .set(bearer)
        .send(merchantRequest)
        .expect(201);
      const read = await request(gateways[which]!.url)
        .get(`/v1/qr/${created.body.id}`)
        .set(bearer)
        .expect(200);
      expect(read.body.id).toBe(created.body.id);
      await request(gateways[which]!.url).get('/v1/qr/not a uuid').set(bearer).expect(400);
    });
  }
});
