import './zod-config';
import * as z from 'zod';

/**
 * Field builders whose errors are written for people: each takes the Chinese label of the field so that
 * a missing, malformed or out-of-range value produces a message naming it ("纬度必须在 -90 到 90 之间").
 * Query strings arrive as text, so the numeric builders accept numeric strings.
 */
export function numberField(label: string, opts: { min?: number; max?: number; int?: boolean } = {}) {
  const { min, max, int } = opts;
  const range =
    min !== undefined && max !== undefined
      ? `必须在 ${min} 到 ${max} 之间`
      : min !== undefined
        ? `不能小于 ${min}`
        : `不能大于 ${max}`;
  let schema = z.number({
    error: (issue) => (issue.input === undefined ? `缺少${label}` : `${label}必须是数字`),
  });
  if (int) schema = schema.int({ error: `${label}必须是整数` });
  if (min !== undefined) schema = schema.min(min, { error: `${label}${range}` });
  if (max !== undefined) schema = schema.max(max, { error: `${label}${range}` });
  return z.preprocess((value) => {
    if (typeof value !== 'string') return value;
    const text = value.trim();
    if (text === '') return undefined;
    // Plain decimal notation only: Number() would also take '0x1D', '1e3' and 'Infinity'.
    return /^[+-]?(\d+\.?\d*|\.\d+)$/.test(text) ? Number(text) : value;
  }, schema);
}

/**
 * The optimistic lock every edit of a shared record carries: the version of the record the client read
 * (`what` names the record: `lockVersion('心愿')` is missing as 缺少心愿版本). The server refuses the
 * write with 409 when the record has moved on since (docs/data-model.md, "Versions and the edit lock").
 */
export const lockVersion = (what: string) => numberField(`${what}版本`, { min: 1, int: true });

/**
 * Characters no person types and that only hide or disguise text: C0 and C1 controls (NUL, ESC and so
 * ANSI sequences), DEL, bidi overrides, embeddings, isolates and marks (U+202E turns "gpj.exe" round),
 * zero-width characters and the BOM. Lone surrogates are checked apart (`hasLoneSurrogate`).
 */
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/;
// Without the `u` flag a regex sees UTF-16 code units, so an unpaired half of a surrogate pair shows.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export const SPECIAL_CHARACTER_MESSAGE = '请勿输入特殊或不可见字符';

/** Whether a text holds a character `textField` refuses; a newline only counts in single-line text. */
export function hasSpecialCharacter(text: string, multiline = false): boolean {
  return INVISIBLE.test(text) || LONE_SURROGATE.test(text) || (!multiline && text.includes('\n'));
}

/**
 * The one text type for what people write (names, addresses, notices, reasons, stories, notes): NFC,
 * trimmed, Windows line ends made plain, and refused when it holds a character of `INVISIBLE`, a lone
 * surrogate, or a newline in a single-line field. Every free-text field of a request is built from it
 * (tests/unit/shared/text-fields.test.ts walks the contract's bodies to keep it so).
 */
export function textField(label: string, opts: { min?: number; max: number; multiline?: boolean }) {
  const min = opts.min ?? 1;
  const multiline = opts.multiline ?? false;
  return z
    .string({ error: (issue) => (issue.input === undefined ? `请填写${label}` : `${label}必须是文字`) })
    .overwrite((s) => s.normalize('NFC').replace(/\r\n?/g, '\n'))
    .trim()
    .refine((s) => !hasSpecialCharacter(s, multiline), {
      error: multiline ? `${label}中有特殊或不可见字符，${SPECIAL_CHARACTER_MESSAGE}` : `${label}中有换行、特殊或不可见字符，${SPECIAL_CHARACTER_MESSAGE}`,
      abort: true,
    })
    .min(min, { error: (issue) => (issue.input === '' || min === 1 ? `请填写${label}` : `${label}至少 ${min} 个字`) })
    .max(opts.max, { error: `${label}不能超过 ${opts.max} 个字` });
}

/** Codes and tokens that machines make (login codes, card tokens, template ids): visible ASCII only. */
export function tokenField(label: string, max: number) {
  return z
    .string({ error: (issue) => (issue.input === undefined ? `缺少${label}` : `${label}格式不正确`) })
    .regex(/^[\x21-\x7E]+$/, { error: `${label}格式不正确` })
    .max(max, { error: `${label}格式不正确` });
}

export function enumField<const T extends readonly [string, ...string[]]>(label: string, values: T) {
  return z.enum(values, {
    error: (issue) => (issue.input === undefined ? `请选择${label}` : `${label}“${String(issue.input)}”不在可选范围内，请重新选择`),
  });
}

export const IsoDateTime = z.iso.datetime({ offset: true });
export const IsoDate = z.iso.date({ error: '日期格式应为 YYYY-MM-DD' });
