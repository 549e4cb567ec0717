import { readFileSync } from 'node:fs';
import path from 'node:path';
import { WISH_CATEGORY_LABELS } from '@yz/shared';
import { wishShareMessage } from '../../../miniprogram/src/pkg-wishes/share';

/**
 * A wish shared to a WeChat friend: the card's title and path carry the wish's public title and id,
 * nothing about a person (no role and city label, no story, no names, no sharer).
 */

const wish = {
  id: 'wsh_01JAB2C3D4E5F6G7H8J9K0MNPQ',
  title: '给孩子买一个书包',
  category: 'children_study' as const,
  status: 'open' as const,
  label: '环卫工人 · 北海',
  story: '我叫王小明，住在海城区某某小区 3 栋，电话 13800138000。',
};

test('the share payload is a title and a path to the wish, and nothing else', () => {
  const message = wishShareMessage(wish.id, wish);
  expect(Object.keys(message).sort()).toEqual(['path', 'title']);
  expect(message.title).toBe(`帮忙实现一个微心愿：给孩子买一个书包（${WISH_CATEGORY_LABELS.children_study}）`);
  expect(message.path).toBe(`/pkg-wishes/detail/index?id=${wish.id}`);
});

test('nothing personal travels with the card: not the label, the story, a phone or the sharer', () => {
  const message = wishShareMessage(wish.id, { ...wish, title: '冬天的棉衣' });
  const sent = JSON.stringify(message);
  for (const secret of ['环卫工人', '北海', '王小明', '13800138000', '海城区', 'openid', 'user', 'from=']) expect(sent).not.toContain(secret);
  // The path's only parameter is the id.
  const query = new URLSearchParams(message.path.split('?')[1]);
  expect([...query.keys()]).toEqual(['id']);
});

test('an id is escaped into the path; before the wish loads the card has a neutral title; a done wish is not asked for help', () => {
  expect(wishShareMessage('a&b=c', null)).toEqual({ title: '心愿墙上的一个微心愿', path: '/pkg-wishes/detail/index?id=a%26b%3Dc' });
  expect(wishShareMessage(wish.id, { ...wish, status: 'fulfilled' }).title).toBe(`一个微心愿：给孩子买一个书包（${WISH_CATEGORY_LABELS.children_study}）`);
});

test('the wish page turns sharing on and answers it with this payload', () => {
  const dir = path.join(__dirname, '../../../miniprogram/src/pkg-wishes/detail');
  expect(readFileSync(path.join(dir, 'index.config.ts'), 'utf8')).toMatch(/enableShareAppMessage:\s*true/);
  expect(readFileSync(path.join(dir, 'index.tsx'), 'utf8')).toMatch(/useShareAppMessage\(\(\) => wishShareMessage\(id, wish\)\)/);
});
