/**
 * `@tarojs/taro` for the `miniprogram` jest project. The H5 build aliases it to
 * @tarojs/plugin-platform-h5's API module and runs babel-plugin-transform-taroapi, which rewrites
 * `Taro.getLocation(...)` into the named export `getLocation`: the default export alone lacks most
 * APIs. Without that babel pass, the same effect is every named API put on the default object.
 */
import taro from '@tarojs/plugin-platform-h5/dist/runtime/apis';
import * as apis from '@tarojs/plugin-platform-h5/dist/runtime/apis';

export * from '@tarojs/plugin-platform-h5/dist/runtime/apis';
export default Object.assign(taro, apis);
