// @ts-check
/**
 * The one place that says how jest turns TypeScript into JavaScript: @swc/jest, no type checking
 * (`npx tsc -b tests` does that). Every jest project builds its config from here.
 */
const path = require('node:path');

const ROOT = path.resolve(__dirname, '../..');

/** @param {{ tsx: boolean }} opts */
function swcOptions({ tsx }) {
  return {
    swcrc: false,
    sourceMaps: 'inline',
    module: { type: 'commonjs' },
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', tsx },
      ...(tsx ? { transform: { react: { runtime: 'automatic' } } } : {}),
    },
  };
}

/** `.ts` files are parsed without JSX so that `<T>value` casts keep working; `.tsx` files with it. */
const transform = {
  '^.+\\.ts$': ['@swc/jest', swcOptions({ tsx: false })],
  '^.+\\.tsx$': ['@swc/jest', swcOptions({ tsx: true })],
};

/**
 * zod's `./v4/locales/*` export sends `require` to the ESM file, which jest's CommonJS runtime cannot
 * load; shared/src/zod-config.ts imports `zod/v4/locales/zh-CN.js`, so point jest at the CommonJS twin.
 */
const moduleNameMapper = {
  '^zod/v4/locales/(.+)\\.js$': 'zod/v4/locales/$1.cjs',
};

/**
 * A jest project with the repository's defaults: the root as rootDir, the swc transform, its own
 * cache folder under .cache/jest, and the setup every project shares.
 * @param {string} name
 * @param {import('jest').Config} config
 * @returns {import('jest').Config}
 */
function defineProject(name, config) {
  return {
    displayName: name,
    rootDir: ROOT,
    cacheDirectory: path.join(ROOT, '.cache/jest', name),
    transform,
    moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'cjs', 'json'],
    testEnvironment: 'node',
    ...config,
    moduleNameMapper: { ...moduleNameMapper, ...config.moduleNameMapper },
    setupFiles: [path.join(__dirname, 'setup-env.js'), ...(config.setupFiles ?? [])],
  };
}

module.exports = { ROOT, transform, moduleNameMapper, swcOptions, defineProject };
