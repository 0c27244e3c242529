import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  AMOUNT_UNITS,
  type AmountUnit,
  instructedAmountOfRupeesText,
  type LooseQrBody,
  qrBodyParts,
} from '@onelink-kit/core';
import { type LocatedQr, toRaastP2M, verify } from '@onelink-kit/emvqr';
import type { OperationRef } from '../spec-catalog.js';
import { responseSchemaOf, type UndeclaredField, undeclaredFields } from '../undeclared-fields.js';

/** What one recorded success answer says about the questions only a real capture settles. */
export interface CaptureFinding {
  operationId: string;
  /** The fixture written for it, relative to the fixtures directory. */
  fixture: string;
  /** Where the client found the QR payload (the spec's field, another text field or a QR image). */
  qr: { found: false } | { found: true; source: LocatedQr['source']; path: string; specField: boolean };
  amount: {
    instructedAmount: number | string | undefined;
    /** Tag 54 of the QR (PKR, as the payer sees it). */
    tag54: string | undefined;
    /** The unit 1LINK read instructedAmount in, when tag 54 settles it. */
    unit: AmountUnit | undefined;
  };
  /** paymentDetails.transactionType of the request 1LINK answered 00 to. */
  transactionType: string | undefined;
  /** Answer members the spec does not describe. */
  undeclared: UndeclaredField[];
  /** The spec edit that would describe them (YAML, to merge by hand), or undefined when none is needed. */
  specEdit: string | undefined;
}

export interface CaptureReport {
  recordedAt: string;
  environment: string;
  findings: CaptureFinding[];
}

export interface CaptureInput {
  op: OperationRef;
  fixture: string;
  status: number;
  /** The request as sent (it carries no secrets: those travel in headers). */
  request: unknown;
  /** The success answer as written to the fixture (credentials replaced, personal data masked). */
  answer: unknown;
  /** The client's located payload for this answer (`result.qr`). */
  located: LocatedQr | undefined;
}

/** The spec field the QR payload is expected in. */
export const SPEC_QR_FIELD = 'qrString';

export function captureFinding(input: CaptureInput): CaptureFinding {
  const { op, located } = input;
  type Payment = { instructedAmount?: number | string; transactionType?: string };
  const request = (input.request ?? {}) as LooseQrBody<Payment, unknown>;
  const payment = qrBodyParts(request).paymentDetails;
  const instructed = payment?.instructedAmount;
  const tag54 = located === undefined ? undefined : tag54Of(located.payload);
  const unit =
    tag54 === undefined || instructed === undefined
      ? undefined
      : AMOUNT_UNITS.find(
          (u) => String(instructedAmountOfRupeesText(tag54, u)) === String(instructed).trim(),
        );
  const schema = responseSchemaOf(op, input.status);
  const undeclared = schema === undefined ? [] : undeclaredFields(op.spec.document, schema, input.answer);
  return {
    operationId: op.operationId,
    fixture: input.fixture,
    qr:
      located === undefined
        ? { found: false }
        : {
            found: true,
            source: located.source,
            path: located.path,
            specField: located.source === 'field' && located.path === `$.${SPEC_QR_FIELD}`,
          },
    amount: { instructedAmount: instructed, tag54, unit },
    transactionType: payment?.transactionType,
    undeclared,
    specEdit: specEditFor(op, undeclared, located, specFieldMissing(input.answer)),
  };
}

function specFieldMissing(answer: unknown): boolean {
  return (
    answer !== null &&
    typeof answer === 'object' &&
    !Array.isArray(answer) &&
    typeof (answer as Record<string, unknown>)[SPEC_QR_FIELD] !== 'string'
  );
}

function tag54Of(payload: string): string | undefined {
  try {
    return toRaastP2M(verify(payload)).amount?.text;
  } catch {
    return undefined;
  }
}

/** YAML to merge into the spec: each undeclared member under the schema that would own it. */
function specEditFor(
  op: OperationRef,
  undeclared: UndeclaredField[],
  located: LocatedQr | undefined,
  qrFieldMissing: boolean,
): string | undefined {
  if (undeclared.length === 0 && !qrFieldMissing) return undefined;
  const bySchema = new Map<string, UndeclaredField[]>();
  for (const field of undeclared) {
    const key = field.schemaRef ?? `(inline schema at ${field.path.replace(/\.[^.]+$/, '')})`;
    bySchema.set(key, [...(bySchema.get(key) ?? []), field]);
  }
  const lines = [`# ${op.spec.specFile}`];
  if (qrFieldMissing) {
    lines.push(`# The answer has no ${SPEC_QR_FIELD}: drop it from the success schema's \`required\`.`);
  }
  for (const [schemaRef, fields] of bySchema) {
    lines.push(`# ${schemaRef}`);
    lines.push(...pointerToYaml(schemaRef));
    const indent = ' '.repeat(2 * pointerDepth(schemaRef));
    lines.push(`${indent}properties:`);
    for (const f of fields) {
      const isQr = located !== undefined && located.path === f.path;
      lines.push(`${indent}  ${f.name}:`);
      lines.push(`${indent}    type: ${f.type === 'null' ? "['null']" : f.type}`);
      const what = isQr
        ? located.source === 'image'
          ? 'Base64 PNG/JPEG image of the QR code; its text is the EMVCo payload.'
          : 'The EMVCo merchant-presented QR payload.'
        : 'Seen in a captured answer.';
      lines.push(`${indent}    description: ${what}`);
      lines.push(`${indent}    x-onelink-captured: sandbox`);
    }
  }
  return lines.join('\n');
}

function pointerDepth(ref: string): number {
  return ref.startsWith('#/') ? ref.slice(2).split('/').length : 0;
}

function pointerToYaml(ref: string): string[] {
  if (!ref.startsWith('#/')) return [];
  return ref
    .slice(2)
    .split('/')
    .map((part, i) => `${' '.repeat(2 * i)}${part}:`);
}

/** The report as markdown, for a person deciding the spec edit. */
export function formatCaptureReport(report: CaptureReport): string {
  const out = [
    '# 1LINK capture report',
    '',
    `Recorded ${report.recordedAt} from ${report.environment} by \`pnpm record\`. It answers what only a real`,
    'capture settles: where the QR is, the amount unit, the transaction type, and fields the spec lacks.',
  ];
  for (const f of report.findings) {
    out.push('', `## ${f.operationId} (\`${f.fixture}\`)`, '');
    out.push(
      f.qr.found
        ? `- **QR:** found at \`${f.qr.path}\` as ${f.qr.source === 'image' ? 'an image (decoded)' : f.qr.source === 'field' ? "the spec's field" : 'a text field'}${f.qr.specField ? ' — where the spec says' : ` — not in the spec's \`${SPEC_QR_FIELD}\``}.`
        : '- **QR:** not found in the answer (no text field or image holds an EMVCo payload).',
    );
    const { instructedAmount, tag54, unit } = f.amount;
    out.push(
      unit === undefined
        ? `- **Amount unit:** not settled (instructedAmount ${instructedAmount ?? 'absent'}, tag 54 ${tag54 ?? 'absent'}).`
        : `- **Amount unit:** ${unit} — instructedAmount ${instructedAmount} gave tag 54 = ${tag54}${unit === 'paisa' ? ' (set ONELINK_AMOUNT_UNIT=paisa / the client option amountUnit: "paisa")' : ''}.`,
    );
    out.push(
      `- **transactionType accepted:** ${f.transactionType === undefined ? 'none sent' : `\`${f.transactionType}\``}.`,
    );
    if (f.undeclared.length === 0) {
      out.push('- **Fields the spec lacks:** none.');
    } else {
      out.push('- **Fields the spec lacks:**');
      for (const u of f.undeclared)
        out.push(`  - \`${u.path}\` (${u.type}), e.g. \`${JSON.stringify(u.example)}\``);
      out.push('', 'Spec edit that would adopt them:', '', '```yaml', f.specEdit ?? '', '```');
    }
  }
  return `${out.join('\n')}\n`;
}

/** Writes `capture-report.json` and `capture-report.md` into `dir`; returns the markdown's path. */
export function writeCaptureReport(dir: string, report: CaptureReport): { json: string; markdown: string } {
  mkdirSync(dir, { recursive: true });
  const json = path.join(dir, 'capture-report.json');
  const markdown = path.join(dir, 'capture-report.md');
  writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(markdown, formatCaptureReport(report));
  return { json, markdown };
}
