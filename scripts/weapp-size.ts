/**
 * WeChat refuses a package over 2 MB, and our main-package budget is 512 KiB. Measures the built weapp's main package (everything outside the
 * subpackage roots in app.json), prints each package's size in bytes, and exits 1 when one is over.
 * Run after `npm run build:weapp`.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export const PACKAGE_LIMIT_BYTES = 2 * 1024 * 1024;

/**
 * Our own budget for the main package, well under WeChat's: it is what every user downloads before the
 * first screen, so what only some pages use belongs in a subpackage (issue 15 set 512 KiB).
 */
export const MAIN_PACKAGE_BUDGET_BYTES = 512 * 1024;

function sizeOf(dir: string, skip: (rel: string) => boolean, root = dir): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const rel = path.relative(root, full).split(path.sep).join('/');
    if (skip(rel)) continue;
    // Source maps and licence notes are not uploaded to WeChat.
    if (entry.isFile() && (entry.name.endsWith('.map') || entry.name.endsWith('.LICENSE.txt'))) continue;
    total += entry.isDirectory() ? sizeOf(full, skip, root) : statSync(full).size;
  }
  return total;
}

export function measureWeapp(dist: string): { main: number; subpackages: Record<string, number> } {
  const app = JSON.parse(readFileSync(path.join(dist, 'app.json'), 'utf8')) as {
    subPackages?: { root: string }[];
    subpackages?: { root: string }[];
  };
  const roots = (app.subPackages ?? app.subpackages ?? []).map((s) => s.root.replace(/\/$/, ''));
  const inSub = (rel: string) => roots.some((r) => rel === r || rel.startsWith(`${r}/`));
  const subpackages: Record<string, number> = {};
  for (const root of roots) subpackages[root] = sizeOf(path.join(dist, root), () => false);
  return { main: sizeOf(dist, inSub), subpackages };
}

if (require.main === module) {
  const dist = path.resolve(__dirname, '../miniprogram/dist/weapp');
  if (!existsSync(path.join(dist, 'app.json'))) {
    console.error('No weapp build at miniprogram/dist/weapp: run `npm run build:weapp` first.');
    process.exit(1);
  }
  const { main, subpackages } = measureWeapp(dist);
  const over: string[] = [];
  console.log(`weapp main package: ${main} bytes (${(main / 1024).toFixed(1)} KiB; budget ${MAIN_PACKAGE_BUDGET_BYTES}, WeChat's limit ${PACKAGE_LIMIT_BYTES})`);
  if (main > PACKAGE_LIMIT_BYTES) over.push('main');
  if (main > MAIN_PACKAGE_BUDGET_BYTES) {
    console.error(`The main package is ${main - MAIN_PACKAGE_BUDGET_BYTES} bytes over its ${MAIN_PACKAGE_BUDGET_BYTES}-byte budget: move what only some pages use into a subpackage.`);
    process.exit(1);
  }
  for (const [root, bytes] of Object.entries(subpackages)) {
    console.log(`weapp subpackage ${root}: ${bytes} bytes`);
    if (bytes > PACKAGE_LIMIT_BYTES) over.push(root);
  }
  if (over.length > 0) {
    console.error(`Over WeChat's 2 MB package limit: ${over.join(', ')}`);
    process.exit(1);
  }
}
