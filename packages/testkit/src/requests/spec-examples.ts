import { gateway, spec1linkP2mQr } from '@onelink-kit/generated';

type Examples<D> = D extends { components: { examples: infer E } } ? E : never;

type OneLinkExamples = Examples<typeof spec1linkP2mQr.document>;
type GatewayExamples = Examples<typeof gateway.document>;
// The document is `as const`; a copy is the caller's to change.
type Mutable<T> = T extends object ? { -readonly [K in keyof T]: Mutable<T[K]> } : T;
type ValueOf<E> = E extends { value: infer V } ? Mutable<V> : never;

/** Names of the examples in spec/1link-p2m-qr.yaml (`components.examples`). */
export type OneLinkExampleName = keyof OneLinkExamples;
/** Names of the examples in spec/gateway.yaml (`components.examples`). */
export type GatewayExampleName = keyof GatewayExamples;

// A fresh deep copy every time: tests change what they are given, the spec document must not change.
function copyOfExample(examples: Record<string, { value?: unknown }>, name: string, spec: string): unknown {
  const example = examples[name];
  if (example?.value === undefined) throw new Error(`${spec} has no example named ${name}`);
  return structuredClone(example.value);
}

/** The value of a named example of the 1LINK P2M QR spec (e.g. MerchantRequestSuccess), as a copy. */
export function oneLinkExample<N extends OneLinkExampleName>(name: N): ValueOf<OneLinkExamples[N]> {
  const examples: Record<string, { value?: unknown }> = spec1linkP2mQr.document.components.examples;
  return copyOfExample(examples, name, 'spec/1link-p2m-qr.yaml') as ValueOf<OneLinkExamples[N]>;
}

/** The value of a named example of the gateway spec (e.g. CreateMerchantQrRequestExample), as a copy. */
export function gatewayExample<N extends GatewayExampleName>(name: N): ValueOf<GatewayExamples[N]> {
  const examples: Record<string, { value?: unknown }> = gateway.document.components.examples;
  return copyOfExample(examples, name, 'spec/gateway.yaml') as ValueOf<GatewayExamples[N]>;
}

// The fields a problem answer repeats every time; the rest (detail, ids, mismatches) vary per request.
const FIXED_PROBLEM_FIELDS = ['type', 'title', 'status', 'retryable', 'transactionStatus', 'responseCode'];

/**
 * What every answer of a gateway spec problem example's kind carries, for `toMatchObject`: its type,
 * title, status and retryable, and its transactionStatus and responseCode where the example has them.
 */
export function gatewayProblem(name: GatewayExampleName & `Problem${string}`): Record<string, unknown> {
  const example = gatewayExample(name) as Record<string, unknown>;
  return Object.fromEntries(FIXED_PROBLEM_FIELDS.filter((k) => k in example).map((k) => [k, example[k]]));
}
