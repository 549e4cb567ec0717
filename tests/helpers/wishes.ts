import { randomBytes } from 'node:crypto';
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { VOLUNTEER_CONSENT_VERSION, type FileStatus, type HardshipOccupation, type WishBody } from '@yz/shared';
import { userKey } from '../../functions/src/platform/users';
import { loginWechat, request } from './api';
import { platformOf } from './stack';

/** Writes a hardship file's plain reference attributes (what functions/src/hardship/ref.ts reads) and binds the user to it. */
export async function putFileRef(
  url: string,
  f: { fileId: string; userId: string; districtCode: string; occupation: HardshipOccupation; status?: FileStatus },
): Promise<void> {
  const { db } = platformOf(url);
  await db.doc.send(
    new PutCommand({
      TableName: db.table('hardshipFiles'),
      Item: {
        id: f.fileId,
        status: f.status ?? 'on_file',
        districtCode: f.districtCode,
        cityCode: f.districtCode.slice(0, 4),
        provinceCode: f.districtCode.slice(0, 2),
        occupation: f.occupation,
        userId: f.userId,
        // No statusKey or cardTokenId: the item stays out of the hardship domain's lists and scans.
      },
    }),
  );
  await db.doc.send(
    new UpdateCommand({
      TableName: db.table('users'),
      Key: userKey(f.userId),
      UpdateExpression: 'SET hardship = :t, hardshipFileId = :f',
      ExpressionAttributeValues: { ':t': true, ':f': f.fileId },
    }),
  );
}

export function wishBody(over: Partial<WishBody> = {}): WishBody {
  return {
    title: '给女儿买一双轮滑鞋',
    story: '女儿今年十岁，一直想学轮滑，家里暂时买不起，希望有爱心人士帮忙圆梦。',
    category: 'children_study',
    valueFen: 29_900,
    handover: { kind: 'staff' },
    ...over,
  };
}

export interface Volunteer {
  token: string;
  userId: string;
}

/** A fresh WeChat user registered as a volunteer (real name, mobile, consent). */
export async function registeredVolunteer(url: string, over: { name?: string; mobile?: string } = {}): Promise<Volunteer> {
  const login = await loginWechat(url, `volunteer-${randomBytes(6).toString('hex')}.1`);
  if (login.status !== 200) throw new Error(`WeChat login answered ${login.status}`);
  const res = await request(url, 'POST', '/volunteers', {
    token: login.body.token,
    body: { name: over.name ?? '陈爱心', mobile: over.mobile ?? '13912345678', consent: true, consentVersion: VOLUNTEER_CONSENT_VERSION },
  });
  if (res.status !== 200) throw new Error(`volunteer registration answered ${res.status}: ${JSON.stringify(res.body)}`);
  return { token: login.body.token, userId: login.body.me.id };
}

interface Versioned {
  id: string;
  version: number;
  status: string;
}

/** POST a wish as the worker; throws unless 201. */
export async function postWish(url: string, token: string, body: WishBody = wishBody()): Promise<Versioned & { pickupCode: string | null }> {
  const res = await request<Versioned & { pickupCode: string | null }>(url, 'POST', '/wishes', { token, body });
  if (res.status !== 201) throw new Error(`posting a wish answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Staff approve a wish (it goes on the wall, open). */
export async function approve(url: string, staffToken: string, wish: Versioned): Promise<Versioned> {
  const res = await request<Versioned>(url, 'POST', `/wishes/${wish.id}/moderation`, { token: staffToken, body: { action: 'approve', version: wish.version } });
  if (res.status !== 200) throw new Error(`approving answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}
