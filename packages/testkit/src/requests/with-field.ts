/**
 * A deep copy of `body` with the dotted `field` (as validation issues and QR checks name fields, e.g.
 * `merchantDetails.iban`) set to `value`; missing steps become objects. For table rows that change one
 * field and name it once.
 */
export function withField<T>(body: T, field: string, value: unknown): T {
  const copy = structuredClone(body) as Record<string, unknown>;
  const steps = field.split('.');
  const last = steps.pop() as string;
  let at = copy;
  for (const step of steps) {
    if (!at[step] || typeof at[step] !== 'object') at[step] = {};
    at = at[step] as Record<string, unknown>;
  }
  at[last] = value;
  return copy as T;
}
