/**
 * The architecture as rules (`npm run depcheck`, run by .ci/run after lint). docs/architecture.md, "Dependency rules",
 * says why each one holds. A breach fails the build; fix the import, do not add an exception here.
 */
/** Imports that mean "talks to the database or to HTTP". */
const DATABASE_OR_HTTP = [
  '^node_modules/(drizzle-orm|pg|@electric-sql/pglite|fastify|@fastify/[^/]+)/',
  '^server/db/',
];

/**
 * Tests build fixtures across modules (rows in any table, through server/test/tables.ts) and compare the console's
 * copies of rules with the server's: the layering rules hold for the code they test, not for them. Cycles count there too.
 */
const TESTS = '\\.test\\.tsx?$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'No import cycles: a cycle means two files are one unit in two places (split out what both need). A lazy ' +
        'import() (the console pages listed in web/src/app/modules.ts) runs later, so it closes no load-time cycle.',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['dynamic-import'] } },
    },
    {
      name: 'web-not-server',
      severity: 'error',
      comment: 'The console and the verifier talk to the server over HTTP only; what both need lives in common/.',
      from: { path: '^web/', pathNot: TESTS },
      to: { path: '^server/' },
    },
    {
      name: 'common-is-shared',
      severity: 'error',
      comment: 'common/ is shared by server and web: it imports neither.',
      from: { path: '^common/', pathNot: TESTS },
      to: { path: '^(server|web)/' },
    },
    {
      name: 'rules-are-pure',
      severity: 'error',
      comment: '*.rules.ts files are pure domain rules: no database, no Fastify (their tests need neither).',
      from: { path: '\\.rules\\.ts$' },
      to: { path: DATABASE_OR_HTTP },
    },
    {
      name: 'rules-import-rules-only',
      severity: 'error',
      comment: 'A rules file may import other pure code (rules, common/, platform helpers without I/O), never a service.',
      from: { path: '\\.rules\\.ts$' },
      to: { path: ['\\.(service|routes|schema|api|module)\\.ts$', '^server/modules/index\\.ts$'] },
    },
    {
      name: 'module-through-read-api',
      severity: 'error',
      comment:
        'A module reads another only through its read API (<m>/<m>.api.ts or <m>/*.api.ts), never its tables, ' +
        'services or internals. Side effects across modules go through server/platform/events.ts.',
      from: { path: '^server/modules/([^/]+)/', pathNot: TESTS },
      to: {
        path: '^server/modules/[^/]+/',
        pathNot: ['^server/modules/$1/', '^server/modules/[^/]+/[^/]+\\.api\\.ts$'],
      },
    },
    {
      name: 'platform-below-modules',
      severity: 'error',
      comment: 'server/platform is what modules build on: it imports no module.',
      from: { path: '^server/platform/', pathNot: TESTS },
      to: { path: '^server/modules/' },
    },
    {
      name: 'registry-only-in-app',
      severity: 'error',
      comment: 'The module list (server/modules/index.ts) and the *.module.ts files are wired in by the app, the seed ' +
        'and the schema only; a module never imports another module definition.',
      from: { path: '^server/modules/[^/]+/' },
      to: { path: '^server/modules/index\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^node_modules/', '^dist/', '^data/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
