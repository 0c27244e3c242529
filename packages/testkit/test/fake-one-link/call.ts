import type { FakeOneLink } from '../../src/index.js';

/** What a test call to the fake got back. */
export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: () => Record<string, unknown>;
}

/** Asks the fake for a token with these form fields (client credentials by default). */
export async function askToken(fake: FakeOneLink, form: Record<string, string> = {}): Promise<Answer> {
  const body = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: 'id-1',
    client_secret: 'secret-1',
    scope: '1LinkApi',
    ...form,
  });
  return answerOf(await fetch(fake.tokenUrl, { method: 'POST', body }));
}

/** The access token of a successful token answer. */
export async function tokenOf(fake: FakeOneLink, form: Record<string, string> = {}): Promise<string> {
  const answer = await askToken(fake, form);
  return String(answer.json().access_token);
}

/** Posts a QR request (a JSON body, or raw text) as a 1LINK caller would. */
export async function postQr(
  fake: FakeOneLink,
  operationId: 'generateDQRCMerchant' | 'generateDQRCAggregator',
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const res = await fetch(`${fake.url}/1Link/${operationId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-ibm-client-id': 'id-1', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return answerOf(res);
}

async function answerOf(res: Response): Promise<Answer> {
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) };
}
