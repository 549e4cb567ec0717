// @ts-check
/**
 * Who may import whom, checked by `npm test` (scripts/test.ts):
 *   npx depcruise functions/src shared/src infra/src dev/src miniprogram/src --config .dependency-cruiser.cjs
 * A domain is a folder of functions/src; jobs only call domains. Type-only imports count for the
 * boundaries (tsPreCompilationDeps: true): a type another domain needs is part of the owner's public
 * face (index.ts or ports.ts), or the two domains are coupled in a way the rules do not show. They
 * do not count for cycles, which are about load order, and `import type` vanishes from the code that runs.
 */
const DOMAINS = '(accounts|activity|board|hardship|jobs|membership|stationBulk|stations|wishes)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-internals',
      comment:
        "A domain uses another domain only through its public face: index.ts (a folder's index) or ports.ts. " +
        'Move what you need into that face as a port, or, if it is generic, into functions/src/platform.',
      severity: 'error',
      from: { path: `^functions/src/${DOMAINS}/` },
      to: {
        path: `^functions/src/${DOMAINS}/`,
        pathNot: ['^functions/src/$1/', '/(index|ports)\\.ts$', '/ports/[^/]+\\.ts$'],
      },
    },
    {
      name: 'functions-not-infra-or-dev',
      comment: 'What runs in Lambda never imports the CDK app or the local stack: infra and dev import functions, not the reverse.',
      severity: 'error',
      from: { path: '^functions/src/' },
      to: { path: ['^infra/', '^dev/'] },
    },
    {
      name: 'shared-imports-no-package',
      comment: 'shared is read by every package (the mini-program included): it imports none of them.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { path: '^(functions|infra|dev|miniprogram)/' },
    },
    {
      name: 'no-circular',
      comment: 'Modules that import each other load in an order that leaves one of them half-defined (type-only hops load nothing).',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(\\.cache|dist|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.cjs', '.mjs', '.json'],
    },
  },
};
