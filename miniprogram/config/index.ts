import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import TsconfigPathsPlugin from 'tsconfig-paths-webpack-plugin';

/**
 * One source tree, two builds: `weapp` for WeChat (opened by DevTools through the root
 * project.config.json) and `h5` for the browser (served by `npm start`). Each goes to dist/<target>.
 */

// Taro does not compile a linked workspace's TypeScript on its own (webpack follows the symlink out of
// sourceRoot). String paths only: a RegExp here makes Taro reject the config yet exit 0.
const sharedSources = path.resolve(__dirname, '../../shared/src');

// Where the mini-program finds the API. H5 is served from the API's own origin, so it needs none.
// For WeChat, set TARO_APP_API_BASE_URL when building (the deployed API's https URL); the default is
// the local stack, which WeChat DevTools can reach with "不校验合法域名" ticked.
const apiBaseUrl = process.env.TARO_ENV === 'h5' ? '' : (process.env.TARO_APP_API_BASE_URL ?? 'http://127.0.0.1:8787');

// Where station tiles are read: the edge (the H5 app's own origin, which routes tiles/* to the bucket);
// for WeChat the web domain, TARO_APP_TILES_BASE_URL (downloadFile/request合法域名). Locally the stack serves /tiles/.
const tilesBaseUrl = process.env.TARO_APP_TILES_BASE_URL ?? `${apiBaseUrl}/tiles/`;

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'yizhan',
    date: '2026-11-25',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${process.env.TARO_ENV}`,
    plugins: [],
    defineConstants: {
      API_BASE_URL: JSON.stringify(apiBaseUrl),
      // Release builds carry the stage's member card key (infra/release/weapp.ts); others the development key.
      MEMBER_PASS_PUBLIC_KEY: JSON.stringify(process.env.TARO_APP_MEMBER_PASS_PUBLIC_KEY ?? ''),
      TILES_BASE_URL: JSON.stringify(tilesBaseUrl),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    // Taro minifies with ascii_only, which writes each Chinese character of the app's strings as a
    // six-byte \uXXXX escape; WeChat reads its JS as UTF-8 (native mini-programs carry Chinese literals
    // as a matter of course), where one is three bytes: about 9 KB of the main package's 512 KiB budget.
    // The browser build keeps the default.
    ...(process.env.TARO_ENV === 'h5' ? {} : { terser: { enable: true, config: { output: { ascii_only: false } } } }),
    cache: { enable: false },
    mini: {
      compile: { include: [sharedSources] },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin);
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      compile: { include: [sharedSources] },
      router: { mode: 'hash' },
      output: { filename: 'js/[name].[hash:8].js', chunkFilename: 'js/[name].[chunkhash:8].js' },
      miniCssExtractPluginOption: { ignoreOrder: true, filename: 'css/[name].[hash].css', chunkFilename: 'css/[name].[chunkhash].css' },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin);
      },
    },
  };
  return merge({}, baseConfig, process.env.NODE_ENV === 'development' ? { logger: { quiet: false, stats: true } } : {});
});
