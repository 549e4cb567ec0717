import type { BindingCode, Me } from '@yz/shared';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { hashBindingCode } from '../../functions/src/accounts/store-port';
import { loginAs, loginWechat, request } from '../helpers/api';
import { makeStation, putStations, startTestStack, type TestStack } from '../helpers/stack';

/** Staff bind a host to a station with a one-time code; the audit log keeps who did what. */

let stack: TestStack;
const DUCHANG_STATION = 'amap-B0J05RX596';
const LANGYA_STATION = 'demo-341102-07';

beforeAll(async () => {
  stack = await startTestStack();
  await putStations(stack, [
    makeStation({ id: DUCHANG_STATION, district: { code: '360428', name: '都昌县' } }),
    makeStation({ id: LANGYA_STATION, district: { code: '341102', name: '琅琊区' }, location: { lat: 32.30, lng: 118.31 } }),
  ]);
});
afterAll(async () => {
  await stack.stop();
});

async function issue(persona: 'district-staff' | 'city-staff' | 'district-staff-other' | 'admin', stationId: string) {
  const staff = await loginAs(stack.url, persona);
  return request<BindingCode>(stack.url, 'POST', '/binding-codes', { token: staff.token, body: { kind: 'host', stationId } });
}

test('staff issue a code for a station in their region; a worker redeems it and becomes its host', async () => {
  const issued = await issue('district-staff', DUCHANG_STATION);
  expect(issued.status).toBe(201);
  expect(issued.body.code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/);
  expect(Date.parse(issued.body.expiresAt) - Date.now()).toBeGreaterThan(71 * 3600_000);

  const worker = (await loginWechat(stack.url, 'oscar.1')).body;
  // Typed the way people type: lower case, a space in the middle.
  const typed = `${issued.body.code.slice(0, 4).toLowerCase()} ${issued.body.code.slice(4)}`;
  const redeemed = await request<Me>(stack.url, 'POST', '/bindings', { token: worker.token, body: { code: typed } });
  expect(redeemed.status).toBe(200);
  expect(redeemed.body.roles).toContain('host');
  expect(redeemed.body.hostStations).toEqual([DUCHANG_STATION]);

  const reuse = await request<{ code: string }>(stack.url, 'POST', '/bindings', { token: (await loginWechat(stack.url, 'pia.1')).body.token, body: { code: issued.body.code } });
  expect(reuse.status).toBe(409);
  expect(reuse.body.code).toBe('BINDING_CODE_USED');

  // The audit log of the district shows the issue and the redemption, newest first.
  const staff = await loginAs(stack.url, 'district-staff');
  const audit = await request<{ items: { action: string; targetId: string; actorId: string }[] }>(stack.url, 'GET', '/audit?regionCode=360428', { token: staff.token });
  const actions = audit.body.items.filter((e) => e.targetId === DUCHANG_STATION).map((e) => e.action);
  expect(actions.slice(0, 2)).toEqual(['binding.redeem', 'binding.issue']);

  // Staff unbind the host; the role goes with the last station.
  const unbind = await request(stack.url, 'DELETE', `/stations/${DUCHANG_STATION}/hosts/${worker.me.id}`, { token: staff.token });
  expect(unbind.status).toBe(204);
  expect((await request<Me>(stack.url, 'GET', '/me', { token: worker.token })).body.roles).not.toContain('host');
  const again = await request<{ code: string }>(stack.url, 'DELETE', `/stations/${DUCHANG_STATION}/hosts/${worker.me.id}`, { token: staff.token });
  expect(again.status).toBe(404);
  expect(again.body.code).toBe('NOT_A_HOST');
});

test('staff cannot issue codes outside their region; city staff can inside theirs', async () => {
  expect((await issue('district-staff', LANGYA_STATION)).status).toBe(403);
  expect((await issue('district-staff-other', LANGYA_STATION)).status).toBe(201);
  expect((await issue('city-staff', DUCHANG_STATION)).status).toBe(201);
  expect((await issue('city-staff', LANGYA_STATION)).status).toBe(403);
});

test('only an admin learns that a station does not exist', async () => {
  expect((await issue('district-staff', 'no-such-station')).status).toBe(403);
  const admin = await issue('admin', 'no-such-station');
  expect(admin.status).toBe(404);
});

test('a wrong code, a malformed code and an expired code each get their own answer', async () => {
  const worker = (await loginWechat(stack.url, 'quinn.1')).body;
  const wrong = await request<{ code: string; message: string }>(stack.url, 'POST', '/bindings', { token: worker.token, body: { code: 'ABCDEFGH' } });
  expect(wrong.status).toBe(400);
  expect(wrong.body.code).toBe('BINDING_CODE_INVALID');
  const malformed = await request<{ code: string; field: string }>(stack.url, 'POST', '/bindings', { token: worker.token, body: { code: '12' } });
  expect(malformed.status).toBe(400);
  expect(malformed.body.field).toBe('code');

  const code = 'EXPRD234';
  const past = Math.floor(Date.now() / 1000) - 60;
  await stack.platform.db.doc.send(
    new PutCommand({
      TableName: stack.platform.db.table('bindingCodes'),
      Item: {
        codeHash: hashBindingCode(code),
        kind: 'host',
        targetId: DUCHANG_STATION,
        regionCode: '360428',
        issuedBy: 'demo-staff-duchang',
        issuedAt: '2026-01-01T00:00:00+08:00',
        expiresAt: '2026-01-04T00:00:00+08:00',
        expiresAtEpoch: past,
        purgeAtEpoch: past + 86400,
      },
    }),
  );
  const expired = await request<{ code: string }>(stack.url, 'POST', '/bindings', { token: worker.token, body: { code } });
  expect(expired.status).toBe(410);
  expect(expired.body.code).toBe('BINDING_CODE_EXPIRED');
});

test('one code typed by many people at the same moment binds exactly one of them', async () => {
  const issued = await issue('district-staff', DUCHANG_STATION);
  const people = await Promise.all(Array.from({ length: 12 }, (_, i) => loginWechat(stack.url, `race${i}.1`)));
  const results = await Promise.all(
    people.map((p) => request<{ code?: string }>(stack.url, 'POST', '/bindings', { token: p.body.token, body: { code: issued.body.code } })),
  );
  const statuses = results.map((r) => r.status).sort();
  expect(statuses.filter((s) => s === 200)).toHaveLength(1);
  expect(statuses.filter((s) => s === 409)).toHaveLength(11);
  const hosts = await Promise.all(people.map((p) => request<Me>(stack.url, 'GET', '/me', { token: p.body.token })));
  expect(hosts.filter((h) => h.body.roles.includes('host'))).toHaveLength(1);
});

test('audit pages go back in time with a cursor, and staff of another region cannot read them', async () => {
  const staff = await loginAs(stack.url, 'district-staff');
  for (let i = 0; i < 3; i += 1) await issue('district-staff', DUCHANG_STATION);
  const first = await request<{ items: { id: string; at: string }[]; nextCursor: string | null }>(stack.url, 'GET', '/audit?regionCode=360428&limit=2', { token: staff.token });
  expect(first.body.items).toHaveLength(2);
  expect(first.body.nextCursor).not.toBeNull();
  const second = await request<{ items: { id: string; at: string }[] }>(stack.url, 'GET', `/audit?regionCode=360428&limit=2&cursor=${encodeURIComponent(first.body.nextCursor!)}`, { token: staff.token });
  expect(second.body.items).toHaveLength(2);
  expect(second.body.items[0]!.at <= first.body.items[1]!.at).toBe(true);
  expect(new Set([...first.body.items, ...second.body.items].map((e) => e.id)).size).toBe(4);

  const city = await loginAs(stack.url, 'city-staff');
  expect((await request(stack.url, 'GET', '/audit?regionCode=3604', { token: city.token })).status).toBe(200);
  const other = await loginAs(stack.url, 'district-staff-other');
  expect((await request(stack.url, 'GET', '/audit?regionCode=360428', { token: other.token })).status).toBe(403);
  expect((await request(stack.url, 'GET', '/audit?regionCode=3604', { token: staff.token })).status).toBe(403);
  const bad = await request<{ code: string }>(stack.url, 'GET', '/audit?regionCode=360428&cursor=garbage', { token: staff.token });
  expect(bad.status).toBe(400);
});
