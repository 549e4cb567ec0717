import { GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { Application } from '@yz/shared';
import { createRetentionJob } from '../../functions/src/jobs/retention';
import { runAsFunction } from '../../functions/src/platform/aws-calls';
import { AUDIT_RETENTION_DAYS } from '../../functions/src/platform/retention';
import { checkData } from '../../dev/src/check-data';
import { loginAs, loginWechat, request, type ApiResponse } from '../helpers/api';
import { applyBody, hardshipWorkerOnFile } from '../helpers/hardship';
import { applicationBody } from '../helpers/membership';
import { startTestStack, type TestStack } from '../helpers/stack';
import { registeredVolunteer, wishBody } from '../helpers/wishes';

/**
 * The retention job (functions/src/jobs/retention.ts): personal data made through the API is kept by a
 * run before its period (default 180 days) is over and erased by one run after it; a region's own
 * shorter period (YZ_RETENTION_DAYS) applies to that region only. Audit entries carry a 3-year TTL.
 */

const DAY = 86_400_000;
let stack: TestStack;
let rejectedId = '';
let declinedFileId = '';
let withdrawnWishId = '';
let volunteerId = '';
let start = new Date();

const ok = <T>(res: ApiResponse<T>, what: string): T => {
  if (res.status >= 300) throw new Error(`${what} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
};
const get = async (table: 'applications' | 'hardshipFiles' | 'wishes' | 'volunteers', key: Record<string, unknown>) =>
  (await stack.platform.db.doc.send(new GetCommand({ TableName: stack.platform.db.table(table), Key: key }))).Item;

beforeAll(async () => {
  stack = await startTestStack();
  const { url } = stack;
  start = new Date();
  const staff = (await loginAs(url, 'district-staff')).token;
  const admin = (await loginAs(url, 'admin')).token;

  const applicant = await loginWechat(url, `retention-applicant-${Date.now()}.1`);
  const app = ok(await request<Application>(url, 'POST', '/membership/applications', { token: applicant.body.token, body: applicationBody() }), 'apply');
  rejectedId = ok(
    await request<Application>(url, 'POST', `/membership/applications/${app.id}/decision`, { token: staff, body: { action: 'reject', version: app.version, note: '不符合条件' } }),
    'reject',
  ).id;

  const selfApplicant = await loginWechat(url, `retention-hardship-${Date.now()}.1`);
  const mine = ok(await request<{ file: { id: string } }>(url, 'POST', '/hardship/applications', { token: selfApplicant.body.token, body: applyBody() }), 'self-apply');
  declinedFileId = mine.file.id;
  const file = ok(await request<{ version: number }>(url, 'GET', `/hardship/files/${declinedFileId}`, { token: admin }), 'file');
  ok(await request(url, 'POST', `/hardship/files/${declinedFileId}/status`, { token: admin, body: { action: 'decline', version: file.version, note: '收入超过标准' } }), 'decline');

  const worker = await hardshipWorkerOnFile(url);
  const wish = ok(await request<{ id: string; version: number }>(url, 'POST', '/wishes', { token: worker.token, body: wishBody() }), 'post wish');
  withdrawnWishId = wish.id;
  ok(await request(url, 'POST', `/wishes/${wish.id}/withdraw`, { token: worker.token, body: { version: wish.version } }), 'withdraw');

  volunteerId = (await registeredVolunteer(url)).userId;
});
afterAll(async () => {
  await stack?.stop();
});

it('keeps everything younger than the period', async () => {
  const report = await runAsFunction('job-retention', () => createRetentionJob(stack.platform).run(new Date(start.getTime() + 179 * DAY)));
  expect(report).toEqual({ applications: 0, hardshipApplications: 0, wishes: 0, volunteers: 0 });
  expect(await get('applications', { id: rejectedId })).toBeDefined();
  expect((await get('hardshipFiles', { id: declinedFileId }))?.secret).toBeDefined();
  expect((await get('wishes', { id: withdrawnWishId }))?.story).toBeDefined();
  expect(await get('volunteers', { userId: volunteerId })).toBeDefined();
});

it("applies a region's shorter period to that region only", async () => {
  // 北海 (4505) keeps 30 days: the hardship file and the wish there go; 都昌's application stays.
  const platform = { ...stack.platform, config: { ...stack.platform.config, retentionDays: { '4505': 30 } } };
  const report = await runAsFunction('job-retention', () => createRetentionJob(platform).run(new Date(start.getTime() + 31 * DAY)));
  expect(report).toEqual({ applications: 0, hardshipApplications: 1, wishes: 1, volunteers: 0 });
  expect(await get('applications', { id: rejectedId })).toBeDefined();
});

it('erases everything older than the period in one run, and the data stays consistent', async () => {
  const report = await runAsFunction('job-retention', () => createRetentionJob(stack.platform).run(new Date(start.getTime() + 181 * DAY)));
  expect(report).toEqual({ applications: 1, hardshipApplications: 0, wishes: 0, volunteers: 1 });
  expect(await get('applications', { id: rejectedId })).toBeUndefined();

  const file = await get('hardshipFiles', { id: declinedFileId });
  expect(file).toMatchObject({ status: 'closed', source: 'self' });
  for (const field of ['secret', 'nameMasked', 'idMasked', 'mobileMasked', 'idHash', 'timeline']) expect(file).not.toHaveProperty(field);
  const wish = await get('wishes', { id: withdrawnWishId });
  expect(wish).toMatchObject({ status: 'withdrawn', category: 'children_study' });
  for (const field of ['title', 'story', 'userId', 'fileId', 'timeline']) expect(wish).not.toHaveProperty(field);
  expect(await get('volunteers', { userId: volunteerId })).toBeUndefined();

  // Nothing left holds the hardship applicant's ID claim; the invariants still hold.
  const claims = await stack.platform.db.doc.send(new ScanCommand({ TableName: stack.platform.db.table('hardshipFiles'), FilterExpression: 'fileId = :f', ExpressionAttributeValues: { ':f': declinedFileId } }));
  expect(claims.Items).toEqual([]);
  expect((await checkData(stack.platform.db)).violations).toEqual([]);
});

it('keeps audit entries three years, by TTL', async () => {
  const audit = await stack.platform.db.doc.send(new ScanCommand({ TableName: stack.platform.db.table('audit') }));
  expect(audit.Items?.length).toBeGreaterThan(0);
  for (const entry of audit.Items ?? []) {
    const days = (Number(entry.expiresAtEpoch) * 1000 - Date.parse(String(entry.atId).split('#')[0]!)) / DAY;
    expect(Math.round(days)).toBe(AUDIT_RETENTION_DAYS);
  }
});
