/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.svg';
declare module '*.scss';

/** Base URL of the API, set per build in config/index.ts ('' for H5: same origin). */
declare const API_BASE_URL: string;
/** The member card's public key for release builds (TARO_APP_MEMBER_PASS_PUBLIC_KEY); '' otherwise. */
declare const MEMBER_PASS_PUBLIC_KEY: string;

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production';
    TARO_ENV: 'weapp' | 'h5';
    TARO_APP_API_BASE_URL?: string;
    TARO_APP_MEMBER_PASS_PUBLIC_KEY?: string;
  }
}
