import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { contract, routeNames, type RouteDef } from '@yz/shared';
import { API_ROUTES } from '../../../miniprogram/src/services/api-routes';

/**
 * The mini-program's route table is generated from the contract so the main package carries no
 * schemas; these checks keep it and the package's tree-shaking settings honest.
 */

test('the mini-program\'s route table says what the contract says (regenerate: `npx tsx scripts/api-routes.ts`)', () => {
  expect(Object.keys(API_ROUTES).sort()).toEqual([...routeNames].sort());
  for (const name of routeNames) {
    const route = contract[name] as RouteDef;
    expect([name, ...API_ROUTES[name]]).toEqual([name, route.method, route.path, route.access.kind === 'public']);
  }
});

test('every shared module that sets zod up (z.config) is declared a side effect, so webpack keeps it', () => {
  const src = path.resolve(__dirname, '../../../shared/src');
  const pkg = JSON.parse(readFileSync(path.resolve(src, '../package.json'), 'utf8')) as { sideEffects: string[] };
  const configuring = readdirSync(src, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .filter((file) => /\bconfig\(\s*\{\s*jitless/.test(readFileSync(path.join(src, file), 'utf8')))
    .map((file) => `./src/${file.split(path.sep).join('/')}`);
  // WeChat forbids `new Function`: without jitless, zod's parser stops working there.
  expect(configuring).toHaveLength(1);
  expect(pkg.sideEffects).toEqual(expect.arrayContaining(configuring));
});
