// @ts-check
/**
 * One jest run over every kind of test, each a project (`npx jest --selectProjects unit integration`).
 * The transform and defaults shared by all projects live in tests/jest/transform.js: a new project is
 * one more `defineProject(name, { testMatch, testEnvironment, ... })` entry here, and gets the swc
 * transform, its own cache folder and the common setup file without repeating them.
 */
const { defineProject } = require('./tests/jest/transform');

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
  ],
};
