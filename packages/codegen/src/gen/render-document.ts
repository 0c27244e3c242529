import type { LoadedSpec } from '../spec-catalog.js';

/** The spec as a JSON const, so runtime validators compile schemas from exactly what the types came from. */
export function renderDocument(spec: LoadedSpec): string {
  return [
    `export const specFile = ${JSON.stringify(spec.spec.file).replaceAll('"', "'")};`,
    `export const specSha256 = '${spec.spec.sha256}';`,
    '',
    `export const document = ${JSON.stringify(spec.document, null, 2)} as const;`,
    '',
  ].join('\n');
}
