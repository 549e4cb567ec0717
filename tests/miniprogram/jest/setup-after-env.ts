import { configure } from '@testing-library/dom';

// Pages fetch from a stack in another process and React renders when it likes: queries wait up to
// 10 s for what they look for. Nothing asserts on time.
configure({ asyncUtilTimeout: 10_000 });
jest.setTimeout(30_000);
