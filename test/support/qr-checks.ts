import { checkAgainstRequest, type OneLinkQrRequestLike, toRaastP2M, verify } from '@onelink-kit/emvqr';
import type { Fixture } from '@onelink-kit/mock';

/** Response body fields that carry an EMV QR payload. */
const QR_FIELDS = ['qrString'];

/** The QR payloads a fixture's response carries (none for error scenarios and the token endpoint). */
export function qrPayloadsOf(fixture: Fixture): { field: string; payload: string }[] {
  const body = fixture.response.body;
  if (!body || typeof body !== 'object') return [];
  return QR_FIELDS.flatMap((field) => {
    const v = (body as Record<string, unknown>)[field];
    return typeof v === 'string' ? [{ field, payload: v }] : [];
  });
}

/**
 * Every reason a fixture's QR payload is not acceptable: EMVCo structure and CRC (with tag 01
 * mandatory, as Raast P2M dynamic QRs carry it), disagreement with the request per the project's
 * mapping, and an RRN in the response other than the one requested.
 */
export function qrProblems(fixture: Fixture): string[] {
  const out: string[] = [];
  for (const { field, payload } of qrPayloadsOf(fixture)) {
    const result = verify(payload, { requirePointOfInitiation: true });
    for (const p of result.problems)
      out.push(`response.body.${field}: ${p.tag ? `tag ${p.tag}: ` : ''}${p.message}`);
    if (!result.ok) continue;
    const request = (fixture.request.body ?? {}) as OneLinkQrRequestLike;
    for (const m of checkAgainstRequest(toRaastP2M(payload), request)) {
      out.push(
        `response.body.${field}: tag ${m.tag} is ${JSON.stringify(m.actual)}, request ${m.field} wants ${JSON.stringify(m.expected)} (${m.rule})`,
      );
    }
    const requestRrn = request.info?.rrn ?? request.payerDetails?.info?.rrn;
    const responseRrn = (fixture.response.body as Record<string, unknown>).rrn;
    if (requestRrn !== undefined && responseRrn !== undefined && responseRrn !== requestRrn) {
      out.push(
        `response.body.rrn: ${JSON.stringify(responseRrn)} is not the requested ${JSON.stringify(requestRrn)}`,
      );
    }
  }
  return out;
}
