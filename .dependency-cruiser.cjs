// The dependency rules of ARCHITECTURE.md, checked by test/architecture/dependencies.test.ts (part of
// `pnpm test`). Paths are relative to the repository root. Workspace packages resolve through their
// `@onelink-kit/source` export condition to their TypeScript sources, so an import of
// `@onelink-kit/core` lands on packages/core/src/index.ts.

/** Every workspace source tree: what the layer rules speak about. */
const WORKSPACE = '^(generated|packages/[^/]+|mock)/';
const GENERATED = '^generated/(src|runtime)/';
const CORE = '^packages/core/src/';
const SIGNING = '^packages/signing/src/';
const EMVQR = '^packages/emvqr/src/';
const CLIENTS = '^packages/(client|snap|link-payments)/src/';
const GATEWAY = '^packages/gateway/src/';
const CODEGEN = '^packages/codegen/src/';
const MOCK = '^mock/src/';
const TESTKIT = '^packages/testkit/';
/** Code that ships or runs as a tool: everything but tests. */
// Benchmarks start the test kit's fake 1LINK as their upstream, like tests do; shipped code and tools never.
const NOT_TESTS = '^(generated/(src|runtime)|packages/(?!testkit/)[^/]+/src|mock/src|scripts)/';
/**
 * The entry points a package offers others: the TypeScript targets of its package.json "exports" (the
 * `@onelink-kit/source` condition, or a plain path), read from the manifests so the rule cannot drift.
 */
const ENTRY_POINTS = (() => {
  const { readdirSync, readFileSync } = require('node:fs');
  const escapeRegExp = (text) => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  const targets = (exports) =>
    typeof exports === 'string'
      ? [exports]
      : Object.entries(exports ?? {}).flatMap(([key, value]) =>
          key === 'types' || key === 'default' ? [] : targets(value),
        );
  const dirs = ['generated', 'mock', ...readdirSync(`${__dirname}/packages`).map((d) => `packages/${d}`)];
  const files = dirs.flatMap((dir) => {
    let manifest;
    try {
      manifest = JSON.parse(readFileSync(`${__dirname}/${dir}/package.json`, 'utf8'));
    } catch {
      return [];
    }
    return targets(manifest.exports)
      .filter((target) => target.endsWith('.ts'))
      .map((target) => escapeRegExp(`${dir}/${target.replace(/^\.\//, '')}`).replace('*', '[^/]+'));
  });
  return `^(${files.join('|')})$`;
})();
/** Frameworks, databases and network clients a pure core must not import. */
const IO_MODULES =
  '(^|/node_modules/)(express|knex|pg|better-sqlite3|sqlite3|undici)(/|$)|^(node:)?(http|https|http2)$';

/**
 * A layer may import itself (`self`, by default the whole layer) and the layers listed; any other workspace
 * path is refused.
 */
function layer(name, from, allowed, why, self = from) {
  return {
    name: `layer-${name}`,
    severity: 'error',
    comment: why,
    from: { path: from },
    to: { path: WORKSPACE, pathNot: [self, ...allowed] },
  };
}

/** The gateway's rooms: the folders under its src/. */
const ROOMS = ['http', 'qr', 'storage', 'upstream', 'pages', 'cli'];
const room = (name) => `^packages/gateway/src/${name}/`;
const GATEWAY_COMPOSITION = '^packages/gateway/src/(main|run|server|pool-primary|index)\\.ts$';
const GATEWAY_SHARED = '^packages/gateway/src/[^/]+\\.ts$';

/**
 * A room (or `shared`, the modules at src/) may import itself, the shared modules and the rooms in `mayUse`;
 * every other room and the composition files are refused, so a room added to ROOMS is refused until allowed.
 */
function gatewayRoom(name, mayUse, why) {
  const refused = ROOMS.filter((other) => other !== name && !mayUse.includes(other));
  return {
    name: `gateway-room-${name}`,
    severity: 'error',
    comment: why,
    from: { path: name === 'shared' ? GATEWAY_SHARED : room(name), pathNot: GATEWAY_COMPOSITION },
    to: {
      path:
        refused.length === 0
          ? GATEWAY_COMPOSITION
          : `${room(`(${refused.join('|')})`)}|${GATEWAY_COMPOSITION}`,
    },
  };
}

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import cycle (type-only imports included) ties modules that should be read one by one.',
      from: { path: '^(generated|packages|mock|scripts|test)/' },
      to: { circular: true },
    },
    {
      name: 'entry-points-only',
      severity: 'error',
      comment:
        'Another package is imported through its entry point (@onelink-kit/<name>), never its src/ files by path.',
      from: { path: '^(generated|packages/[^/]+|mock)/' },
      to: { path: WORKSPACE, pathNot: ['^$1/', ENTRY_POINTS] },
    },
    {
      name: 'no-relative-cross-package',
      severity: 'error',
      comment:
        'A relative path into another package (even to its index.ts) bypasses its package.json exports.',
      from: { path: '^(generated|packages/[^/]+|mock)/' },
      to: { path: WORKSPACE, pathNot: '^$1/', dependencyTypes: ['local'] },
    },
    {
      name: 'no-scripts-from-packages',
      severity: 'error',
      comment:
        'scripts/ are thin CLIs over the packages; nothing in packages/, mock/ or generated/ imports them.',
      from: { path: '^(generated|packages|mock)/' },
      to: { path: '^scripts/' },
    },
    {
      name: 'pure-cores',
      severity: 'error',
      comment:
        'core, emvqr, signing and generated are pure: no HTTP framework, database driver or network client.',
      from: { path: `${CORE}|^packages/(emvqr|signing)/src/|${GENERATED}` },
      to: { path: IO_MODULES },
    },
    {
      name: 'testkit-only-from-tests',
      severity: 'error',
      comment:
        '@onelink-kit/testkit is a devDependency for tests and benchmarks; no shipped code or tool imports it.',
      from: { path: NOT_TESTS },
      to: { path: TESTKIT },
    },
    layer(
      'generated',
      GENERATED,
      [],
      'generated/ is the lowest layer: made from spec/ over its own runtime.',
    ),
    layer('core', CORE, [GENERATED], 'core sits on generated/ only.'),
    layer(
      'signing',
      SIGNING,
      [CORE, GENERATED],
      'signing is a pure core over core (its CLI reads secrets with it).',
    ),
    layer('emvqr', EMVQR, [CORE, GENERATED], 'emvqr is a pure core over core and generated only.'),
    layer(
      'clients',
      CLIENTS,
      [CORE, SIGNING, EMVQR, GENERATED],
      'client, snap and link-payments build on core, signing, emvqr and generated, not on each other.',
      '^packages/$1/',
    ),
    layer(
      'gateway',
      GATEWAY,
      [CLIENTS, EMVQR, CORE, SIGNING, GENERATED],
      'the gateway is the top layer; the mock, testkit and codegen are not part of it.',
    ),
    layer(
      'codegen',
      CODEGEN,
      ['^generated/runtime/'],
      'the generator stands beside the layers: it knows only the hand-written runtime its output calls.',
    ),
    layer(
      'mock',
      MOCK,
      [CLIENTS, EMVQR, CORE, SIGNING, GENERATED, CODEGEN],
      'the mock stands beside the layers: it drives the clients and reads specs with codegen, never the gateway.',
    ),
    layer(
      'testkit',
      '^packages/testkit/src/',
      [CLIENTS, EMVQR, CORE, SIGNING, GENERATED, CODEGEN, MOCK],
      'the testkit serves every package’s tests, so it builds on none of the code it tests above the clients.',
    ),
    gatewayRoom(
      'shared',
      [],
      'config, logger, metrics, problems and the like at src/ are shared by the rooms and import none of them.',
    ),
    gatewayRoom(
      'http',
      ['qr', 'storage', 'upstream', 'pages', 'cli'],
      'http/ (the HTTP edge) may use qr/, storage/, upstream/ and the shared root modules.',
    ),
    gatewayRoom(
      'qr',
      ['storage', 'upstream'],
      'qr/ (the QR domain) may use storage/, upstream/ and the shared root modules, never the HTTP edge.',
    ),
    gatewayRoom(
      'pages',
      ['storage'],
      'pages/ (docs, console, payer page) read stored rows through storage/ and the shared root modules; the HTTP edge mounts them.',
    ),
    gatewayRoom(
      'cli',
      ['storage'],
      'cli/ (operator commands such as purge) works on storage/ with the shared configuration, never through HTTP.',
    ),
    {
      name: 'gateway-pool-primary-light',
      severity: 'error',
      comment:
        'The worker pool primary never serves a request: nothing it loads, directly or not, reaches the HTTP edge, the QR domain, the pages, server.ts or Express (pool-primary.ts).',
      from: { path: '^packages/gateway/src/pool-primary\\.ts$' },
      to: {
        path: '^packages/gateway/src/((http|qr|pages)/|server\\.ts$)|node_modules/.*/(express|express-openapi-validator)/',
        reachable: true,
      },
    },
    gatewayRoom('storage', [], 'storage/ may use only the shared root modules.'),
    gatewayRoom('upstream', [], 'upstream/ (the 1LINK side) may use only the shared root modules.'),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // The architecture test's fixtures break the rules on purpose; that test cruises them on their own.
    exclude: { path: '(^|/)dist/|^test/architecture/fixtures/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['@onelink-kit/source', 'import', 'types', 'node', 'default'],
      extensions: ['.ts', '.mts', '.js', '.mjs', '.cjs', '.json'],
    },
  },
};
