import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { FileCreateBody, toShanghaiIso } from '@yz/shared';
import { hardshipService } from '@yz/functions/hardship';
import type { Platform } from '@yz/functions/platform';
import { userKey, type Principal } from '@yz/functions/platform/users';

/**
 * The demo hardship file the `hardship` persona (环卫工人刘阿姨, userId demo-hardship) is bound to, so
 * 我的帮扶 and 许心愿 work in a fresh `npm start`: on file in 北海市海城区, sanitation, with a paired
 * helper and two assistance records. The wishes demo refers to this file by its id. The ID number is a
 * made-up one that passes the checksum (born 1972).
 */
export const DEMO_HARDSHIP_FILE_ID = 'hf_demo_liu';
export const DEMO_HARDSHIP_USER_ID = 'demo-hardship';

const DEMO_FILE = FileCreateBody.parse({
  districtCode: '450502',
  basic: {
    name: '刘桂兰',
    idNumber: '450502197203150021',
    mobile: '13977900000',
    occupation: 'sanitation',
    employer: '北海市海城区环境卫生管理站',
    address: '北海市海城区（演示地址）',
    householdSize: 3,
  },
  helper: { name: '黄志强', phone: '0779-2020000', organisation: '海城区总工会' },
  cause: { categories: ['illness', 'education'], detail: '丈夫因病长期服药，女儿读高中，家庭开支大（演示数据）' },
  income: { householdMonthlyFen: 260000, sources: '本人工资' },
  housing: { type: 'rented', areaSqm: 38 },
  plan: {
    steps: [
      { text: '申请大病医疗救助', due: '2026-12-31' },
      { text: '女儿申请金秋助学', due: '2027-08-31' },
    ],
  },
  consent: true,
});

export async function seedDemoHardship(platform: Platform, now: Date): Promise<void> {
  const { db } = platform;
  const service = hardshipService(platform);
  const loader: Principal = { userId: 'demo-loader', sessionId: '', roles: ['worker', 'admin'], staffScopes: [], hostStations: [], isAdmin: true };
  let file = await service.create(loader, DEMO_FILE, now, DEMO_HARDSHIP_FILE_ID);
  for (const record of [
    { date: '2026-01-20', kind: 'condolence' as const, amountFen: 80000, note: '春节送温暖慰问金' },
    { date: '2026-09-01', kind: 'education' as const, amountFen: 150000, note: '金秋助学' },
  ]) {
    file = await service.addAssistance(loader, file.id, record, file.version, now);
  }
  // Bound to the persona as a redeemed code would: the user (created here on a fresh data folder; the
  // development login later only adds its flags) and the file name each other.
  await db.doc.send(
    new UpdateCommand({
      TableName: db.table('users'),
      Key: userKey(DEMO_HARDSHIP_USER_ID),
      UpdateExpression: 'SET kind = :kind, id = :id, createdAt = if_not_exists(createdAt, :now), hardship = :true, hardshipFileId = :file',
      ExpressionAttributeValues: { ':kind': 'user', ':id': DEMO_HARDSHIP_USER_ID, ':now': toShanghaiIso(now), ':true': true, ':file': file.id },
    }),
  );
  await db.doc.send(
    new UpdateCommand({
      TableName: db.table('hardshipFiles'),
      Key: { id: file.id },
      UpdateExpression: 'SET userId = :u',
      ExpressionAttributeValues: { ':u': DEMO_HARDSHIP_USER_ID },
    }),
  );
}
