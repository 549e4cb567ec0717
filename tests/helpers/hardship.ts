import { randomBytes } from 'node:crypto';
import type { HardshipOccupation } from '@yz/shared';
import { loginWechat } from './api';
import { putFileRef } from './wishes';

/**
 * A fresh WeChat user whose account is bound to a hardship file that is on file.
 *
 * INTERIM (wishes branch): the hardship half of issue 8 implements this with the real API (staff
 * creates the file, issues a binding code, the worker redeems it) and its version replaces this one
 * at the merge. Until then it writes the file's plain reference attributes (exactly those
 * functions/src/hardship/ref.ts reads) into the stack's real hardship-files table and binds the user.
 */
export async function hardshipWorkerOnFile(
  url: string,
  opts: { districtCode?: string; occupation?: HardshipOccupation } = {},
): Promise<{ token: string; userId: string; fileId: string }> {
  const login = await loginWechat(url, `hardship-${randomBytes(6).toString('hex')}.1`);
  if (login.status !== 200) throw new Error(`WeChat login answered ${login.status}`);
  const userId = login.body.me.id;
  const fileId = `hf_${randomBytes(8).toString('hex')}`;
  await putFileRef(url, { fileId, userId, districtCode: opts.districtCode ?? '450502', occupation: opts.occupation ?? 'sanitation' });
  return { token: login.body.token, userId, fileId };
}
