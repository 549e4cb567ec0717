import { z } from 'zod';
import zhCN from 'zod/v4/locales/zh-CN.js';

// WeChat forbids `new Function` / `eval`; zod's JIT object parser uses them. This must run before any
// schema is constructed, so every schema file imports `z` from here rather than from 'zod'.
z.config({ jitless: true });
// Messages a field does not write itself fall back to Chinese ones.
z.config(zhCN());

export { z };
