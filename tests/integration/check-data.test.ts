import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Application, Station } from '@yz/shared';
import { checkData, type DataReport } from '../../dev/src/check-data';
import { loginAs, loginWechat, request, type ApiResponse } from '../helpers/api';
import { testEndpoint } from '../helpers/engine';
import { hardshipWorkerOnFile } from '../helpers/hardship';
import { applicationBody } from '../helpers/membership';
import { startTestStack, type TestStack } from '../helpers/stack';
import { registeredVolunteer, wishBody } from '../helpers/wishes';

/**
 * The data invariant checker (dev/src/check-data.ts, `npm run check:data`): data made through the real
 * API is clean; then one item of each kind is corrupted directly in DynamoDB Local, and each violation
 * is reported against that item, by the library and by the CLI (exit code 1).
 */

let stack: TestStack;
let station: Station;
let claimedWishId = '';
let openWishId = '';
let workerId = '';
let openAppId = '';
let approvedApp: Application;
let memberUserId = '';
let fileId = '';

const ok = <T>(res: ApiResponse<T>, what: string): T => {
  if (res.status >= 300) throw new Error(`${what} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
};

beforeAll(async () => {
  stack = await startTestStack();
  const { url } = stack;
  const staff = (await loginAs(url, 'district-staff')).token;
  const admin = (await loginAs(url, 'admin')).token;

  // A station with two versions, both with their history entries.
  station = ok(
    await request<Station>(url, 'POST', '/stations', {
      token: staff,
      body: { name: '芙蓉社区户外劳动者驿站', address: '都昌镇芙蓉路 133 号', districtCode: '360428', location: { lat: 29.27, lng: 116.2 }, type: 'community', hostOrganisation: '芙蓉社区' },
    }),
    'create station',
  );
  station = ok(await request<Station>(url, 'PUT', `/stations/${station.id}/notice`, { token: staff, body: { expectedVersion: 1, notice: '今日供应热水' } }), 'notice');

  // Two applications: one waiting, one approved (a member).
  const applicant = await loginWechat(url, `check-applicant-a-${Date.now()}.1`);
  openAppId = ok(await request<Application>(url, 'POST', '/membership/applications', { token: applicant.body.token, body: applicationBody() }), 'apply').id;
  const member = await loginWechat(url, `check-applicant-b-${Date.now()}.1`);
  memberUserId = member.body.me.id;
  const toApprove = ok(await request<Application>(url, 'POST', '/membership/applications', { token: member.body.token, body: applicationBody() }), 'apply');
  approvedApp = ok(
    await request<Application>(url, 'POST', `/membership/applications/${toApprove.id}/decision`, { token: staff, body: { action: 'approve', version: toApprove.version } }),
    'approve',
  );

  // A hardship worker on file with two wishes: one claimed, one open.
  const worker = await hardshipWorkerOnFile(url);
  workerId = worker.userId;
  fileId = worker.fileId;
  const volunteer = await registeredVolunteer(url);
  const wishIds: string[] = [];
  for (let i = 0; i < 2; i += 1) {
    const posted = ok(await request<{ id: string; version: number }>(url, 'POST', '/wishes', { token: worker.token, body: wishBody() }), 'post wish');
    ok(await request(url, 'POST', `/wishes/${posted.id}/moderation`, { token: admin, body: { action: 'approve', version: posted.version } }), 'approve wish');
    wishIds.push(posted.id);
  }
  [claimedWishId, openWishId] = wishIds as [string, string];
  ok(await request(url, 'POST', `/wishes/${claimedWishId}/claim`, { token: volunteer.token }), 'claim');
});
afterAll(async () => {
  await stack?.stop();
});

const update = (table: Parameters<TestStack['platform']['db']['table']>[0], key: Record<string, unknown>, expression: string, values?: Record<string, unknown>, names?: Record<string, string>) =>
  stack.platform.db.doc.send(
    new UpdateCommand({ TableName: stack.platform.db.table(table), Key: key, UpdateExpression: expression, ExpressionAttributeValues: values, ExpressionAttributeNames: names }),
  );

const found = (report: DataReport, check: string, key: string) => report.violations.filter((v) => v.check === check && v.key === key);

it('finds nothing wrong in data written through the API', async () => {
  const report = await checkData(stack.platform.db);
  expect(report.violations).toEqual([]);
  expect(report.read).toMatchObject({ stations: 1, stationHistory: 1, applications: 2, members: 1 });
  // Two wishes, the worker's quota counter and the wall's counter of the city.
  expect(report.read.wishes).toBe(4);
});

it('reports each corrupted item, and the CLI exits 1', async () => {
  await update('wishes', { id: claimedWishId }, 'REMOVE claimantId');
  await update('wishes', { id: `quota#${workerId}` }, 'SET #open = #open + :one', { ':one': 1 }, { '#open': 'open' });
  await update('wishes', { id: openWishId }, 'SET #s = :s', { ':s': 'pending_review' }, { '#s': 'status' });
  await update('wishes', { id: 'wallcity#4505' }, 'SET onWall = :n', { ':n': 5 });
  await update('stations', { id: station.id }, 'SET #v = #v + :one', { ':one': 1 }, { '#v': 'version' });
  await update('applications', { id: openAppId }, 'SET #s = :s', { ':s': 'approved' }, { '#s': 'status' });
  await update('members', { pk: `member#${memberUserId}` }, 'SET applicationId = :a', { ':a': 'ma_missing' });
  await update('hardshipFiles', { id: fileId }, 'SET #s = :s', { ':s': 'closed' }, { '#s': 'status' });

  const report = await checkData(stack.platform.db);
  console.log(report.violations.map((v) => `${v.check} ${v.key}: ${v.detail}`).join('\n'));
  expect(found(report, 'wish-claimant', `id=${claimedWishId}`)).toHaveLength(1);
  expect(found(report, 'wish-quota', `id=quota#${workerId}`)[0]?.detail).toBe('counts 3 active wishes, 2 stored');
  expect(found(report, 'wish-timeline', `id=${openWishId}`)).toHaveLength(1);
  expect(found(report, 'wall-city', 'id=wallcity#4505')[0]?.detail).toBe('counts 5 wishes on the wall, 2 stored');
  expect(found(report, 'station-history', `id=${station.id}`)[0]?.detail).toBe(`version 3, newest history entry produced version 2`);
  expect(found(report, 'application-timeline', `id=${openAppId}`)).toHaveLength(1);
  expect(found(report, 'member-application', `pk=member#${memberUserId}`)).toHaveLength(1);
  expect(found(report, 'hardship-timeline', `id=${fileId}`)).toHaveLength(1);
  // The open ID claim of the application now marked approved, and nothing about the untouched approved one.
  expect(report.violations.filter((v) => v.check === 'id-claim')).toHaveLength(1);
  expect(report.violations.some((v) => v.key === `id=${approvedApp.id}`)).toBe(false);
  expect(report.violations).toHaveLength(9);

  const root = path.resolve(__dirname, '../..');
  const cli = spawnSync(path.join(root, 'node_modules/.bin/tsx'), ['scripts/check-data.ts'], {
    cwd: root,
    env: { ...process.env, YZ_DYNAMODB_ENDPOINT: testEndpoint(), YZ_TABLE_PREFIX: stack.tablePrefix },
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(cli.stdout).toContain(`[wish-claimant] wishes id=${claimedWishId}`);
  expect(cli.stdout).toContain('9 violation(s)');
  expect(cli.status).toBe(1);
}, 90_000);
