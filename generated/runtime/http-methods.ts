// The operation keys of an OpenAPI path item, in the order the OpenAPI document lists them. Its one home:
// the generator (onelink-codegen), the spec diff, the request validator in @onelink-kit/core and the mock
// all walk operations with this list, and this hand-written runtime is the lowest layer they share.
export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];
