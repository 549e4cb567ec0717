import type { BindingCode, HardshipFile, HardshipOccupation, Me } from '@yz/shared';
import { HARDSHIP_CONSENT_VERSION } from '@yz/shared';
import { loginAs, loginWechat, request } from './api';
import { uniqueIdNumber } from './membership';

/** A complete six-part file for POST /hardship/files (staff), with a fresh valid ID number. */
export function fileBody(opts: { districtCode?: string; occupation?: HardshipOccupation; name?: string; helperUserId?: string } = {}): Record<string, unknown> {
  const districtCode = opts.districtCode ?? '450502';
  return {
    districtCode,
    basic: {
      name: opts.name ?? '刘桂芳',
      idNumber: uniqueIdNumber(districtCode),
      mobile: '13977912345',
      occupation: opts.occupation ?? 'sanitation',
      employer: '海城区环卫站',
      address: '北海市海城区四川路 12 号 3 栋 201',
      householdSize: 4,
    },
    helper: { name: '黄志强', phone: '0779-2021234', organisation: '海城区总工会', ...(opts.helperUserId ? { userId: opts.helperUserId } : {}) },
    cause: { categories: ['illness', 'education'], detail: '丈夫患慢性肾病长期透析，两个孩子在读书' },
    income: { householdMonthlyFen: 320000, sources: '本人工资' },
    housing: { type: 'rented', areaSqm: 45, note: '老旧小区' },
    plan: { steps: [{ text: '申请医疗救助', due: '2027-01-15' }, { text: '子女助学金', due: '2027-03-01', done: false }] },
    consent: true,
  };
}

/** A worker's own application body (POST /hardship/applications). */
export function applyBody(opts: { districtCode?: string; idNumber?: string; name?: string } = {}): Record<string, unknown> {
  const districtCode = opts.districtCode ?? '450502';
  return {
    districtCode,
    basic: {
      name: opts.name ?? '陈秀英',
      idNumber: opts.idNumber ?? uniqueIdNumber(districtCode),
      mobile: '13877954321',
      occupation: 'food_delivery',
      address: '北海市海城区北部湾中路 8 号',
      householdSize: 3,
    },
    cause: { categories: ['low_income'], detail: '一人养家，孩子上学' },
    income: { householdMonthlyFen: 280000 },
    housing: { type: 'rented' },
    consent: true,
    consentVersion: HARDSHIP_CONSENT_VERSION,
  };
}

let counter = 0;

/**
 * A fresh WeChat user whose account is bound to a file that is on file, made through the real API:
 * an admin files the worker (default 北海市海城区 450502, sanitation), issues a binding code, and the
 * worker redeems it.
 */
export async function hardshipWorkerOnFile(
  url: string,
  opts: { districtCode?: string; occupation?: HardshipOccupation; name?: string } = {},
): Promise<{ token: string; userId: string; fileId: string }> {
  counter += 1;
  const login = await loginWechat(url, `hardship-worker-${process.pid}-${Date.now()}-${counter}.1`);
  if (login.status !== 200) throw new Error(`WeChat login answered ${login.status}`);
  const admin = await loginAs(url, 'admin');
  const file = await request<HardshipFile>(url, 'POST', '/hardship/files', { token: admin.token, body: fileBody(opts) });
  if (file.status !== 201) throw new Error(`filing answered ${file.status}: ${JSON.stringify(file.body)}`);
  const code = await request<BindingCode>(url, 'POST', `/hardship/files/${file.body.id}/binding-code`, { token: admin.token });
  if (code.status !== 201) throw new Error(`binding code answered ${code.status}: ${JSON.stringify(code.body)}`);
  const bound = await request<Me>(url, 'POST', '/bindings', { token: login.body.token, body: { code: code.body.code } });
  if (bound.status !== 200) throw new Error(`binding answered ${bound.status}: ${JSON.stringify(bound.body)}`);
  return { token: login.body.token, userId: login.body.me.id, fileId: file.body.id };
}
