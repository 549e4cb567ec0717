/**
 * @tarojs/plugin-framework-react's runtime ships without typings; these are the two functions the
 * `miniprogram` jest project calls, as the H5 build's generated entry calls them.
 */
declare module '@tarojs/plugin-framework-react/dist/runtime' {
  import type * as React from 'react';

  /** Wraps the App component for the runtime; returns the app instance the router drives. */
  export function createReactApp(app: React.ComponentType<React.PropsWithChildren>, react: typeof React, dom: object, config: object): object;
  /** Hands React to the runtime so that components using Taro's hooks render outside a page. */
  export function createH5NativeComponentConfig<T>(component: T, react: typeof React, dom: object): T;
}
