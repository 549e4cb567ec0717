import { shanghaiDate } from './time';
import './zod-config';
import * as z from 'zod';

/**
 * The resident identity card number (居民身份证号码), GB 11643-1999: 6 digits of the issuing region,
 * 8 of the birth date (YYYYMMDD), 3 of a sequence whose last digit is odd for men and even for women,
 * and an ISO 7064 MOD 11-2 check character (0–9 or X). One rule for the form and the server.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/**
 * First two digits: the provinces, autonomous regions and municipalities of GB/T 2260, plus 71 (台湾),
 * 81 (香港), 82 (澳门) and 83 (台湾居民居住证) whose residents hold 18-digit numbers too.
 */
export const ID_PROVINCE_CODES = new Set([
  '11', '12', '13', '14', '15',
  '21', '22', '23',
  '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54',
  '61', '62', '63', '64', '65',
  '71', '81', '82', '83',
]);

/** Youngest age at which a person may join (labour law's minimum working age). */
export const MIN_MEMBER_AGE = 16;

export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

export type Gender = 'male' | 'female';

export interface IdFacts {
  /** Upper-case X, no spaces. */
  value: string;
  birthDate: string;
  gender: Gender;
}

export type IdCheck = { ok: true; facts: IdFacts } | { ok: false; message: string };


/** Whole years between a birth date and a day, both YYYY-MM-DD (a 29 February birthday counts on 1 March). */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age -= 1;
  return age;
}

function realDate(yyyymmdd: string): string | null {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  if (y < 1900 || m < 1 || m > 12 || d < 1) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
}

/** Every check, in the order a person would fix them. `today` is the application date (Shanghai). */
export function checkIdNumber(input: string, today: string = shanghaiDate()): IdCheck {
  const value = input.replace(/\s+/g, '').toUpperCase();
  if (value === '') return { ok: false, message: '请填写身份证号' };
  if (/^\d{15}$/.test(value)) {
    return { ok: false, message: '请使用 18 位身份证号：15 位的旧号码已停止使用，请填写新版身份证上的号码' };
  }
  if (!/^\d{17}[\dX]$/.test(value)) return { ok: false, message: '身份证号应为 18 位：前 17 位是数字，最后一位是数字或 X' };
  if (!ID_PROVINCE_CODES.has(value.slice(0, 2))) return { ok: false, message: '身份证号前两位不是有效的省份代码，请核对' };
  const birthDate = realDate(value.slice(6, 14));
  if (!birthDate) return { ok: false, message: '身份证号中的出生日期（第 7–14 位）不是有效日期，请核对' };
  if (birthDate > today) return { ok: false, message: '身份证号中的出生日期晚于今天，请核对' };
  if (idCheckChar(value.slice(0, 17)) !== value[17]) return { ok: false, message: '身份证号校验位不正确，请核对每一位数字' };
  if (ageOn(birthDate, today) < MIN_MEMBER_AGE) return { ok: false, message: `身份证号显示申请人未满 ${MIN_MEMBER_AGE} 周岁，暂不能申请入会` };
  return { ok: true, facts: { value, birthDate, gender: Number(value[16]) % 2 === 1 ? 'male' : 'female' } };
}

/**
 * The ID number field: trims, upper-cases x, and checks everything above against today's date (the
 * server checks again against the request's time). Its output is the normalised number.
 */
export const IdNumber = z
  .string({ error: (issue) => (issue.input === undefined ? '请填写身份证号' : '身份证号必须是文字') })
  .transform((input, ctx) => {
    const result = checkIdNumber(input);
    if (!result.ok) {
      ctx.addIssue({ code: 'custom', message: result.message, input });
      return z.NEVER;
    }
    return result.facts.value;
  });

/** Mainland mobile numbers: 11 digits starting 13–19. */
export const MobileNumber = z
  .string({ error: (issue) => (issue.input === undefined ? '请填写手机号' : '手机号必须是文字') })
  .transform((s) => s.replace(/[\s-]/g, '').replace(/^\+?86/, ''))
  .pipe(z.string().regex(/^1[3-9]\d{9}$/, { error: '手机号应为 11 位数字，以 13–19 开头' }));
