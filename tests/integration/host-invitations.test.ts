import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { HOST_INVITATION_PREFIX, type HostInvitation, type Me } from '@yz/shared';
import { loginAs, loginWechat, request } from '../helpers/api';
import { makeStation, putStations, startTestStack, type TestStack } from '../helpers/stack';

/**
 * Host invitations (负责人邀请二维码): staff make one on a station's page, the host scans it and is
 * bound in one transaction, under the name they gave; staff see that name, never the account id.
 */

let stack: TestStack;
const DUCHANG = 'inv-duchang-01';
const LANGYA = 'inv-langya-01';

beforeAll(async () => {
  stack = await startTestStack();
  await putStations(stack, [
    makeStation({ id: DUCHANG, name: '邀请测试驿站', district: { code: '360428', name: '都昌县' } }),
    makeStation({ id: LANGYA, district: { code: '341102', name: '琅琊区' }, location: { lat: 32.3, lng: 118.31 } }),
  ]);
});
afterAll(async () => {
  await stack.stop();
});

type ErrorBody = { code: string; message: string; field?: string };

async function invite(persona: 'district-staff' | 'city-staff' | 'district-staff-other', stationId: string) {
  const staff = await loginAs(stack.url, persona);
  return request<HostInvitation>(stack.url, 'POST', `/stations/${stationId}/host-invitations`, { token: staff.token });
}

const redeem = (token: string, content: string, name = '周师傅') =>
  request<Me & ErrorBody>(stack.url, 'POST', '/host-invitations/redeem', { token, body: { content, name } });

test('staff make an invitation; the host scans it, is bound under their name, and staff see the name', async () => {
  const made = await invite('district-staff', DUCHANG);
  expect(made.status).toBe(201);
  expect(made.body.content).toMatch(new RegExp(`^${HOST_INVITATION_PREFIX}[A-Za-z0-9_-]{32}$`));
  expect(made.body.image).toMatch(/^data:image\/png;base64,/);
  expect(made.body.stationId).toBe(DUCHANG);
  const days = (Date.parse(made.body.expiresAt) - Date.now()) / 86_400_000;
  expect(days).toBeGreaterThan(6.9);
  expect(days).toBeLessThanOrEqual(7);
  // The table holds only the hash: the id staff revoke by is not the token.
  expect(made.body.content).not.toContain(made.body.id);

  const host = (await loginWechat(stack.url, 'inv-host.1')).body;
  const bound = await redeem(host.token, `  ${made.body.content}\n`, ' 王建国 ');
  expect(bound.status).toBe(200);
  expect(bound.body.roles).toContain('host');
  expect(bound.body.hostStations).toEqual([DUCHANG]);

  // The binding is the usual one: the host keeps the station (here, verifies it).
  const verify = await request<{ lastVerifiedAt: string | null }>(stack.url, 'POST', `/stations/${DUCHANG}/verify`, { token: host.token, body: { expectedVersion: 1 } });
  expect(verify.status).toBe(200);
  expect(verify.body.lastVerifiedAt).not.toBeNull();

  const staff = await loginAs(stack.url, 'district-staff');
  const hosts = await request<{ items: { userId: string; name: string | null }[] }>(stack.url, 'GET', `/stations/${DUCHANG}/hosts`, { token: staff.token });
  expect(hosts.body.items).toEqual([{ userId: host.me.id, name: '王建国' }]);
  // The name is the host's personal data: in their own export (and gone with the account).
  const exported = await request<{ records: { hostName: string[] } }>(stack.url, 'GET', '/me/data', { token: host.token });
  expect(exported.body.records.hostName).toEqual(['王建国']);

  // Audited: made by staff, redeemed by the host, with who invited them.
  const audit = await request<{ items: { action: string; targetId: string; actorId: string; detail: Record<string, string> }[] }>(stack.url, 'GET', '/audit?regionCode=360428', {
    token: staff.token,
  });
  const mine = audit.body.items.filter((e) => e.targetId === DUCHANG);
  expect(mine.map((e) => e.action).slice(0, 2)).toEqual(['binding.redeem', 'host.invite']);
  expect(mine[0]).toMatchObject({ actorId: host.me.id, detail: { via: 'invitation', issuedBy: 'demo-staff-duchang' } });
});

test('an invitation is single use; the second person is told it was used, and nothing changes for them', async () => {
  const made = await invite('district-staff', DUCHANG);
  const first = (await loginWechat(stack.url, 'inv-first.1')).body;
  const second = (await loginWechat(stack.url, 'inv-second.1')).body;
  expect((await redeem(first.token, made.body.content)).status).toBe(200);
  const again = await redeem(second.token, made.body.content);
  expect(again.status).toBe(409);
  expect(again.body.code).toBe('HOST_INVITATION_USED');
  expect(again.body.message).toMatch(/已经用过/);
  expect((await request<Me>(stack.url, 'GET', '/me', { token: second.token })).body.roles).not.toContain('host');
  // Used cannot be revoked: unbinding is how a host goes.
  const staff = await loginAs(stack.url, 'district-staff');
  const revoke = await request<ErrorBody>(stack.url, 'DELETE', `/stations/${DUCHANG}/host-invitations/${made.body.id}`, { token: staff.token });
  expect(revoke.status).toBe(409);
  expect(revoke.body.code).toBe('HOST_INVITATION_USED');
});

test('an expired invitation gets 410 HOST_INVITATION_EXPIRED and binds nobody', async () => {
  const made = await invite('city-staff', DUCHANG);
  expect(made.status).toBe(201);
  await stack.platform.db.doc.send(
    new UpdateCommand({
      TableName: stack.platform.db.table('bindingCodes'),
      Key: { codeHash: made.body.id },
      UpdateExpression: 'SET expiresAtEpoch = :past',
      ExpressionAttributeValues: { ':past': Math.floor(Date.now() / 1000) - 60 },
    }),
  );
  const late = (await loginWechat(stack.url, 'inv-late.1')).body;
  const res = await redeem(late.token, made.body.content);
  expect(res.status).toBe(410);
  expect(res.body.code).toBe('HOST_INVITATION_EXPIRED');
  expect(res.body.message).toMatch(/过期/);
  expect((await request<Me>(stack.url, 'GET', '/me', { token: late.token })).body.hostStations).toEqual([]);
});

test('a revoked invitation gets 410 HOST_INVITATION_REVOKED; revoking twice is fine, another station\'s id is 404', async () => {
  const made = await invite('district-staff', DUCHANG);
  const staff = await loginAs(stack.url, 'district-staff');
  const path = `/stations/${DUCHANG}/host-invitations/${made.body.id}`;
  expect((await request(stack.url, 'DELETE', path, { token: staff.token })).status).toBe(204);
  expect((await request(stack.url, 'DELETE', path, { token: staff.token })).status).toBe(204);
  const person = (await loginWechat(stack.url, 'inv-revoked.1')).body;
  const res = await redeem(person.token, made.body.content);
  expect(res.status).toBe(410);
  expect(res.body.code).toBe('HOST_INVITATION_REVOKED');

  // The same invitation named under another station is not found (and staff there cannot touch it).
  const other = await invite('district-staff-other', LANGYA);
  const otherStaff = await loginAs(stack.url, 'district-staff-other');
  const wrongStation = await request<ErrorBody>(stack.url, 'DELETE', `/stations/${LANGYA}/host-invitations/${made.body.id}`, { token: otherStaff.token });
  expect(wrongStation.status).toBe(404);
  expect(wrongStation.body.code).toBe('HOST_INVITATION_NOT_FOUND');
  expect((await request(stack.url, 'DELETE', `/stations/${LANGYA}/host-invitations/${other.body.id}`, { token: staff.token })).status).toBe(403);
});

test('staff of another region cannot invite; city staff can inside their city', async () => {
  expect((await invite('district-staff-other', DUCHANG)).status).toBe(403);
  expect((await invite('district-staff', LANGYA)).status).toBe(403);
  expect((await invite('city-staff', LANGYA)).status).toBe(403);
  expect((await invite('city-staff', DUCHANG)).status).toBe(201);
  expect((await invite('district-staff-other', LANGYA)).status).toBe(201);
});

test('wrong text, an unknown token, a missing name, and hosting twice each get a precise answer', async () => {
  const person = (await loginWechat(stack.url, 'inv-wrong.1')).body;
  const notOurs = await redeem(person.token, 'https://example.com/some-other-qr');
  expect(notOurs.status).toBe(400);
  expect(notOurs.body.field).toBe('content');
  expect(notOurs.body.message).toMatch(/不是驿站负责人邀请二维码/);

  const unknown = await redeem(person.token, `${HOST_INVITATION_PREFIX}${'x'.repeat(32)}`);
  expect(unknown.status).toBe(400);
  expect(unknown.body.code).toBe('HOST_INVITATION_INVALID');

  const made = await invite('district-staff', DUCHANG);
  const noName = await request<ErrorBody>(stack.url, 'POST', '/host-invitations/redeem', { token: person.token, body: { content: made.body.content, name: '  ' } });
  expect(noName.status).toBe(400);
  expect(noName.body.field).toBe('name');
  expect(noName.body.message).toMatch(/称呼/);

  expect((await redeem(person.token, made.body.content)).status).toBe(200);
  const twice = await redeem(person.token, (await invite('district-staff', DUCHANG)).body.content);
  expect(twice.status).toBe(409);
  expect(twice.body.code).toBe('ALREADY_HOST');

  // Not signed in: 401, nothing bound.
  expect((await request(stack.url, 'POST', '/host-invitations/redeem', { body: { content: made.body.content, name: '某人' } })).status).toBe(401);
});

test('many people scanning one invitation at once: exactly one becomes the host', async () => {
  const made = await invite('district-staff', DUCHANG);
  const people = await Promise.all(Array.from({ length: 8 }, (_, i) => loginWechat(stack.url, `inv-race${i}.1`)));
  const results = await Promise.all(people.map((p) => redeem(p.body.token, made.body.content)));
  expect(results.filter((r) => r.status === 200)).toHaveLength(1);
  expect(results.filter((r) => r.status === 409)).toHaveLength(7);
});
