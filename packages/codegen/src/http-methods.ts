// The operation keys of an OpenAPI path item, in the order OpenAPI lists them; every tool that walks
// operations (generator, diff, mock) iterates this one list.
export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];
