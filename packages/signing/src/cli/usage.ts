import { PASSWORD_MASK } from '../link-signature.js';

export const USAGE = `usage:
  pnpm sign snap --method M --path P --token T --timestamp TS [--body FILE] [--verify SIG]
  pnpm sign link --mid M (--amount A --txn-id T | --invoice N) [--verify SIG]
  pnpm sign [snap|link] --help

snap  SNAP symmetric signature (1LINK's SNAP card-binding document):
        stringToSign = METHOD:URLPath:AccessToken:lowercase(hex(sha256(minify(body)))):X-TIMESTAMP
        X-SIGNATURE  = base64(HMAC-SHA512(SNAP_CLIENT_SECRET, stringToSign))
      --path   the request target after the host: path, and for a query "?" + the query string
               exactly as sent (same order, same percent-encoding), e.g.
               '/v1.0/get-auth-code?scopes=CARD_REGISTRATION&state=...'
      --token  the bare access token (no "Bearer "); or set SNAP_ACCESS_TOKEN (or SNAP_ACCESS_TOKEN_FILE)
      --body   file with the JSON body; minified (JSON.parse + JSON.stringify) before hashing.
               Omitted or empty (a GET): the hash of the empty string, e3b0c442...b855.
      secret:  SNAP_CLIENT_SECRET or SNAP_CLIENT_SECRET_FILE

link  Link Based Payments signature (1LINK's Link Based Payments document), lower-case hex:
        create:         HMAC-SHA512(LINK_HASH_KEY, MID + Password + amount + merchantTxnId)
        resend, cancel: HMAC-SHA512(LINK_HASH_KEY, MID + Password + InvoiceNo)
      The HMAC key is LINK_HASH_KEY; the password (LINK_PASSWORD) is part of the signed string and is
      printed masked as ${PASSWORD_MASK}. --amount is the request's amount string exactly as sent, e.g. 1500.00.
      secrets: LINK_PASSWORD / LINK_PASSWORD_FILE and LINK_HASH_KEY / LINK_HASH_KEY_FILE

--verify SIG  compare SIG with the computed signature (constant time): prints MATCH (exit 0) or
              MISMATCH (exit 1).
Secrets are never accepted as flags.
exit codes: 0 ok / MATCH, 1 MISMATCH, 2 usage or configuration error`;

// Flags someone might reach for to pass a secret: refused with a pointer to the variable instead.
export const SECRET_FLAGS: Record<string, string> = {
  secret: 'SNAP_CLIENT_SECRET (or SNAP_CLIENT_SECRET_FILE) for snap, LINK_HASH_KEY for link',
  'client-secret': 'SNAP_CLIENT_SECRET (or SNAP_CLIENT_SECRET_FILE)',
  password: 'LINK_PASSWORD (or LINK_PASSWORD_FILE)',
  'hash-key': 'LINK_HASH_KEY (or LINK_HASH_KEY_FILE)',
  key: 'LINK_HASH_KEY (or LINK_HASH_KEY_FILE) for link, SNAP_CLIENT_SECRET for snap',
};
