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

export function textField(label: string, opts: { min?: number; max: number }) {
  const min = opts.min ?? 1;
  return z
    .string({ error: (issue) => (issue.input === undefined ? `请填写${label}` : `${label}必须是文字`) })
    .trim()
    .min(min, { error: (issue) => (issue.input === '' || min === 1 ? `请填写${label}` : `${label}至少 ${min} 个字`) })
    .max(opts.max, { error: `${label}不能超过 ${opts.max} 个字` });
}

export function enumField<const T extends readonly [string, ...string[]]>(label: string, values: T) {
  return z.enum(values, {
    error: (issue) => (issue.input === undefined ? `请选择${label}` : `${label}“${String(issue.input)}”不在可选范围内，请重新选择`),
  });
}

export const IsoDateTime = z.iso.datetime({ offset: true });
export const IsoDate = z.iso.date({ error: '日期格式应为 YYYY-MM-DD' });
