// @ts-check
/**
 * One jest run over every kind of test, each a project (`npx jest --selectProjects unit integration`).
 * The transform and defaults shared by all projects live in tests/jest/transform.js: a new project is
 * one more `defineProject(name, { testMatch, testEnvironment, ... })` entry here, and gets the swc
 * transform, its own cache folder and the common setup file without repeating them.
 */
const { defineProject, transform } = require('./tests/jest/transform');

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    defineProject('unit', {
      testMatch: ['<rootDir>/tests/unit/**/*.test.ts'],
    }),
    defineProject('integration', {
      testMatch: ['<rootDir>/tests/integration/**/*.test.ts'],
      // One DynamoDB Local for the whole run; every test file gets its own table prefix.
      globalSetup: '<rootDir>/tests/integration/global-setup.ts',
      globalTeardown: '<rootDir>/tests/integration/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/tests/integration/setup-timeout.ts'],
    }),
    defineProject('infra', {
      // The CDK app's template, asserted property by property, and cdk-nag's AWS Solutions checks.
      testMatch: ['<rootDir>/tests/infra/**/*.test.ts'],
    }),
    defineProject('e2e', {
      // The whole local stack (`npm start`'s script) in its own process, driven in Debian Chromium.
      testMatch: ['<rootDir>/tests/e2e/**/*.e2e.test.ts'],
      setupFilesAfterEnv: ['<rootDir>/tests/e2e/setup-timeout.ts'],
    }),
    defineProject('miniprogram', {
      // The mini-program's React pages and components in jsdom, on Taro's H5 runtime (what the H5 build
      // runs); the pages talk over HTTP to a real local stack. Setup: tests/miniprogram/jest/.
      testMatch: ['<rootDir>/tests/miniprogram/**/*.test.{ts,tsx}'],
      testEnvironment: 'jsdom',
      // Build folders under .cache (mini-program builds) hold package.json copies jest-haste-map trips on.
      modulePathIgnorePatterns: ['<rootDir>/.cache/'],
      globalSetup: '<rootDir>/tests/integration/global-setup.ts',
      globalTeardown: '<rootDir>/tests/integration/global-teardown.ts',
      // Taro resolves `x.h5.ts` before `x.ts` for the H5 build (services/location.h5.ts): so does jest.
      moduleFileExtensions: ['h5.ts', 'h5.tsx', 'ts', 'tsx', 'js', 'mjs', 'cjs', 'json'],
      transform: {
        ...transform,
        '^.+\\.(js|mjs|cjs)$': '<rootDir>/tests/miniprogram/jest/transform-js.js',
      },
      // Taro's H5 packages and these dependencies of theirs ship ES modules: swc turns them into CommonJS.
      transformIgnorePatterns: ['<rootDir>/node_modules/(?!(@tarojs|@stencil|lodash-es|swiper|query-string|decode-uri-component|filter-obj|split-on-first|nanoid)/)'],
      // The aliases @tarojs/plugin-platform-h5 gives webpack for the H5 build.
      moduleNameMapper: {
        '^@tarojs/taro$': '<rootDir>/tests/miniprogram/jest/taro-h5.ts',
        '^@tarojs/components$': '@tarojs/components/lib/react',
        '\\.(css|scss|sass|png|jpe?g|svg)$': '<rootDir>/tests/miniprogram/jest/style-stub.js',
      },
      setupFiles: ['<rootDir>/tests/miniprogram/jest/setup-h5.ts'],
      setupFilesAfterEnv: ['<rootDir>/tests/miniprogram/jest/setup-after-env.ts'],
      // defineConstants of miniprogram/config/index.ts do not apply under jest. The H5 build serves the
      // API from its own origin (''); tests point it at their stack (tests/miniprogram/h5-app.ts).
      globals: { API_BASE_URL: '', MEMBER_PASS_PUBLIC_KEY: '', DEPRECATED_ADAPTER_COMPONENT: false },
    }),
    defineProject('weapp', {
      // The BUILT WeChat mini-program (miniprogram/dist/weapp) in miniprogram-simulate, against a real
      // local stack. Needs `npm run build:weapp` first (`npm test` does it); fails saying so otherwise.
      testMatch: ['<rootDir>/tests/weapp/**/*.test.ts'],
      modulePathIgnorePatterns: ['<rootDir>/.cache/'],
      globalSetup: '<rootDir>/tests/integration/global-setup.ts',
      globalTeardown: '<rootDir>/tests/integration/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/tests/weapp/jest/require-build.ts', '<rootDir>/tests/weapp/jest/setup-dom.ts'],
    }),
  ],
};
