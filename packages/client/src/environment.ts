import { document, operationInfo } from '@onelink-kit/generated/1link-p2m-qr';

export type OneLinkEnvironment = 'sandbox' | 'production';

interface ServerEntry {
  url: string;
  description?: string;
}

/** API base and token URLs of an environment, read from the spec's `servers`. */
export function environmentUrls(environment: OneLinkEnvironment): { baseUrl: string; tokenUrl: string } {
  const pick = (servers: readonly ServerEntry[] | undefined, what: string) => {
    const list = servers ?? [];
    const match = list.find((s) => new RegExp(environment, 'i').test(s.description ?? s.url));
    if (!match) throw new TypeError(`spec has no ${environment} server for ${what}`);
    return match.url.replace(/\/+$/, '');
  };
  const baseUrl = pick(document.servers, 'the API');
  const tokenBase = pick(operationInfo.requestToken.servers, 'requestToken');
  return { baseUrl, tokenUrl: `${tokenBase}${operationInfo.requestToken.path}` };
}

/** The URLs a client uses: explicit ones win over the environment's; one of the two is required. */
export function resolveUrls(options: {
  environment?: OneLinkEnvironment | undefined;
  baseUrl?: string | undefined;
  tokenUrl?: string | undefined;
}): { baseUrl: string; tokenUrl: string } {
  const fromEnvironment = options.environment ? environmentUrls(options.environment) : undefined;
  const baseUrl = options.baseUrl ?? fromEnvironment?.baseUrl;
  const tokenUrl = options.tokenUrl ?? fromEnvironment?.tokenUrl;
  if (!baseUrl || !tokenUrl) {
    throw new TypeError(
      "createOneLinkClient: give environment ('sandbox' | 'production') or both baseUrl and tokenUrl",
    );
  }
  return { baseUrl, tokenUrl };
}
