/**
 * Runs in every `miniprogram` test file before anything is imported: the jsdom window becomes what
 * Taro's H5 build gives the mini-program's code. The build sets these through webpack's DefinePlugin
 * (@tarojs/webpack5-runner H5WebpackPlugin); under jest they are plain process.env values and
 * globals (jest.config.js `globals` carries the defineConstants, e.g. API_BASE_URL).
 */
process.env.FRAMEWORK = 'react';
process.env.TARO_ENV = 'h5';
process.env.TARO_PLATFORM = 'web';
process.env.SUPPORT_TARO_POLYFILL = 'disabled';
process.env.SUPPORT_DINGTALK_NAVIGATE = 'disabled';

// Page and app configs are read at build time through these macros; here they are identity functions.
const identity = <T>(config: T): T => config;
Object.assign(globalThis, { defineAppConfig: identity, definePageConfig: identity });

// In this order, as the build's entry has it: Taro's H5 runtime, then the Taro API object with its
// React hooks, then React handed to the framework runtime, so that components using Taro's hooks
// render on their own too. (require, not import: imports would be hoisted above the lines above.)
require('@tarojs/plugin-platform-h5/dist/runtime');
require('@tarojs/taro');
const React = require('react') as typeof import('react');
const ReactDOM = require('react-dom/client') as typeof import('react-dom/client');
const { createH5NativeComponentConfig } = require('@tarojs/plugin-framework-react/dist/runtime') as typeof import('@tarojs/plugin-framework-react/dist/runtime');
createH5NativeComponentConfig(null, React, ReactDOM);
Object.assign(globalThis, { React });

export {};
