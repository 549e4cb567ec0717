import { JSDOM } from 'jsdom';

/**
 * The `weapp` project runs in Node (the test stack, the Node `http` behind wx.request), but
 * miniprogram-simulate renders WXML into a DOM (its exparser and j-component call
 * document.createElement). This gives that DOM: a jsdom window and document as globals, nothing else,
 * so Node's own fetch, Request and timers stay as they are for the test stack and wx.request.
 */
const dom = new JSDOM('<!doctype html><html><head></head><body></body></html>', { url: 'http://localhost/', pretendToBeVisual: true });
// j-component dispatches simulated taps as `new CustomEvent(...)` on its jsdom nodes: the class must
// be jsdom's (Node 20 has a CustomEvent of its own, which jsdom's dispatchEvent rejects).
Object.assign(globalThis, { window: dom.window, document: dom.window.document, CustomEvent: dom.window.CustomEvent });

afterAll(() => {
  dom.window.close();
});
