import { loginAs, request } from '../helpers/api';
import { hardshipWorkerOnFile } from '../helpers/hardship';
import { startTestStack, type TestStack } from '../helpers/stack';
import { approve, postWish, registeredVolunteer, wishBody } from '../helpers/wishes';
import { assertBuiltForLocalApi, installWechat, loadApp, loadPage, pageDriver, renderPage, waitUntil, type RenderedPage, type Wechat } from './weapp';

/**
 * The 心愿 tab of the built weapp (the wish wall, in the main package) in miniprogram-simulate against
 * the real local API: 22 approved wishes in two cities, a page of 20 and 加载更多 for the rest, the
 * category and city filters folded behind 筛选 (active ones as chips), 待认领 in the bar, and cards that
 * carry a role and a city, never a name.
 */

jest.setTimeout(90_000);

/** GET /wishes/cities. */
interface WallCities {
  items: { code: string; name: string }[];
}

let stack: TestStack;
let wechat: Wechat;
let wallPage: string;
const shown: RenderedPage[] = [];
const wishes: { id: string; city: string; category: string }[] = [];

beforeAll(async () => {
  assertBuiltForLocalApi();
  stack = await startTestStack();
  const admin = await loginAs(stack.url, 'admin');
  // 北海 (4505): 20 wishes of daily necessities and one for a child's study, two per worker (the limit).
  const plan: { district: string; category: 'daily_necessities' | 'children_study' }[] = [
    ...Array.from({ length: 20 }, () => ({ district: '450502', category: 'daily_necessities' as const })),
    { district: '450502', category: 'children_study' },
    // 靖西 (百色市 4510): one.
    { district: '451081', category: 'daily_necessities' },
  ];
  let worker: { token: string } | null = null;
  let posted = 0;
  for (const [i, p] of plan.entries()) {
    if (!worker || posted === 2 || (i > 0 && plan[i - 1]!.district !== p.district)) {
      worker = await hardshipWorkerOnFile(stack.url, { districtCode: p.district });
      posted = 0;
    }
    const wish = await postWish(stack.url, worker.token, wishBody({ title: `心愿${String(i + 1).padStart(2, '0')}`, category: p.category }));
    posted += 1;
    await approve(stack.url, admin.token, wish);
    wishes.push({ id: wish.id, city: p.district.slice(0, 4), category: p.category });
  }
  // One of them is claimed: no longer 待认领.
  const volunteer = await registeredVolunteer(stack.url);
  const claimed = await request(stack.url, 'POST', `/wishes/${wishes[0]!.id}/claim`, { token: volunteer.token });
  expect(claimed.status).toBe(200);

  wechat = installWechat({ apiBaseUrl: stack.url, location: { lat: 21.4813, lng: 109.1201 } });
  loadApp('pages/wishes/index');
  wallPage = loadPage('pages/wishes/index');
});

afterAll(async () => {
  for (const page of shown) page.detach();
  await wechat?.settleRequests();
  await stack?.stop();
});

const { find, tap } = pageDriver('.wall');
/** The wishes shown: every card must be one of the test's wishes (the count is of all cards). */
function cardIds(page: RenderedPage): Set<string> {
  const count = Math.max(page.querySelectorAll('.wall__card').length, page.querySelectorAll('.wall >>> .wall__card').length);
  const shown = new Set(wishes.filter((w) => find(page, `wish-${w.id}`)).map((w) => w.id));
  if (shown.size !== count) return new Set(['(cards that are not the test wishes)']);
  return shown;
}

test('pages of 20 with 加载更多, then the category, city and 待认领 filters', async () => {
  const page = await renderPage(wallPage, 'pages/wishes/index');
  shown.push(page);
  await waitUntil(() => cardIds(page).size === 20, 'the first page of 20 wishes');
  expect(find(page, 'wall-more')).toBeTruthy();
  // A card: title, value in yuan, category, a role and a city, status — and no name anywhere.
  const newest = wishes[wishes.length - 1]!;
  const text = find(page, `wish-${newest.id}`)?.dom?.textContent ?? '';
  expect(text).toContain('心愿22');
  expect(text).toContain('¥299');
  expect(text).toContain('生活用品');
  expect(text).toContain('环卫工人 · 百色');
  expect(text).toContain('待认领');

  await tap(page, 'wall-more');
  await waitUntil(() => cardIds(page).size === 22, 'all 22 wishes after 加载更多');
  expect(cardIds(page)).toEqual(new Set(wishes.map((w) => w.id)));
  await waitUntil(() => Boolean(find(page, 'wall-end')), 'the end of the wall');
  expect(find(page, 'wall-more')).toBeUndefined();

  // The cities that have wishes, from /wishes/cities, as chips.
  const cities = await request<WallCities>(stack.url, 'GET', '/wishes/cities');
  expect(cities.body.items.map((c) => c.code).sort()).toEqual(['4505', '4510']);
  // The filters are folded behind 筛选; the one in force shows as a chip that clears it.
  expect(find(page, 'wall-city-4510')).toBeUndefined();
  await tap(page, 'wall-filter-toggle');
  await waitUntil(() => Boolean(find(page, 'wall-city-4510')), 'the opened filters');
  await tap(page, 'wall-city-4510');
  await waitUntil(() => cardIds(page).size === 1, 'the one wish in 百色');
  expect(cardIds(page)).toEqual(new Set([newest.id]));
  expect(find(page, 'wall-active-city')?.dom?.textContent).toContain('百色');
  expect(find(page, 'wall-filter-toggle')?.dom?.textContent).toBe('筛选 1');

  await tap(page, 'wall-city-all');
  await tap(page, 'wall-category-children_study');
  const study = wishes.filter((w) => w.category === 'children_study').map((w) => w.id);
  await waitUntil(() => cardIds(page).size === 1 && cardIds(page).has(study[0]!), 'the one wish for study');

  await tap(page, 'wall-category-all');
  await tap(page, 'wall-status-open');
  // 待认领: the claimed one is gone (20 on the first page, one more after 加载更多).
  await waitUntil(() => cardIds(page).size === 20 && !cardIds(page).has(wishes[0]!.id), 'the open wishes');
  await tap(page, 'wall-more');
  await waitUntil(() => cardIds(page).size === 21, 'all 21 open wishes');
  expect(cardIds(page).has(wishes[0]!.id)).toBe(false);

  // 已实现: none yet.
  await tap(page, 'wall-status-done');
  await waitUntil(() => Boolean(find(page, 'wall-empty')), 'the empty state');
  expect(find(page, 'wall-empty')?.dom?.textContent).toContain('还没有已实现的心愿');
});
