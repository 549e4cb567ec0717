import { config } from 'zod';
import zhCN from 'zod/v4/locales/zh-CN.js';

/**
 * zod's global settings, applied once before any schema is built (settings made later do not reach
 * schemas already constructed, and schemas live in many files). Every file that builds a schema
 * imports this module first, then zod itself as a namespace:
 * `import './zod-config'; import * as z from 'zod';`. The namespace
 * import matters for size: esbuild (Lambda bundles) and webpack (the mini-program) keep only the parts
 * of zod a file names (`z.object`, `z.string`…), while a namespace re-exported from another module
 * (`export { z }`) drags all of zod in, its 40 locales included (~450 KB instead of ~75 KB).
 */

// WeChat forbids `new Function` / `eval`; zod's JIT object parser uses them.
config({ jitless: true });
// Messages a field does not write itself fall back to Chinese ones.
config(zhCN());
