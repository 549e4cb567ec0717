// @ts-check
/**
 * JavaScript from node_modules for the `miniprogram` jest project. Taro's H5 packages ship ES modules
 * (and some `.mjs`); jest runs CommonJS, so swc rewrites them. One more step copies what Taro's H5
 * build does with webpack: `@tarojs/taro-h5/dist/api/taro.js` goes through
 * @tarojs/plugin-framework-react's api-loader, which adds the React hooks (useLoad, useDidShow...) to
 * the Taro object the pages import.
 */
const { createHash } = require('node:crypto');
const swcJest = require('@swc/jest');
const { REG_TARO_H5 } = require('@tarojs/helper');
const apiLoader = require('@tarojs/plugin-framework-react/dist/api-loader');

const swc = swcJest.createTransformer({
  swcrc: false,
  sourceMaps: 'inline',
  module: { type: 'commonjs' },
  jsc: { target: 'es2022', parser: { syntax: 'ecmascript', jsx: true } },
});

/** @param {string} path */
const needsApiLoader = (path) => REG_TARO_H5.test(path);

/** @type {import('@jest/transform').SyncTransformer} */
module.exports = {
  canInstrument: false,
  process(source, path, options) {
    const code = needsApiLoader(path) ? apiLoader(source) : source;
    return /** @type {any} */ (swc).process(code, path, options);
  },
  getCacheKey(source, path, options) {
    const inner = /** @type {any} */ (swc).getCacheKey(source, path, options);
    return createHash('sha256').update(inner).update(needsApiLoader(path) ? 'taro-api-loader' : 'plain').digest('hex');
  },
};
