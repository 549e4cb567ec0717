import {
  ApplicationBody,
  CONSENT_VERSIONS,
  contract,
  HardshipApplyBody,
  hasSpecialCharacter,
  textField,
  VolunteerBody,
} from '@yz/shared';
import type * as z from 'zod';

/**
 * Every string a request body carries is either built from the one text type (textField) or a code with
 * its own pattern: walked over the contract's bodies, each leaf must refuse each class of hidden
 * character. A new `z.string()` free-text field fails here until it uses textField.
 */

const BAD: Record<string, string> = {
  NUL: '\u0000',
  ESC: '\u001b[31m',
  C1: '\u0085',
  RLO: '\u202E',
  isolate: '\u2066',
  zeroWidth: '\u200B',
  wordJoiner: '\u2060',
  BOM: '\uFEFF',
  loneHigh: '\uD83D',
  loneLow: '\uDE00',
};

type Def = { type: string; shape?: Record<string, z.ZodType>; innerType?: z.ZodType; element?: z.ZodType; in?: z.ZodType; out?: z.ZodType; options?: z.ZodType[]; keyType?: z.ZodType; valueType?: z.ZodType };
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The leaves of a body: [path, the outermost schema at that path]. */
function leaves(schema: z.ZodType, path: string, out: [string, z.ZodType][]): void {
  const def = defOf(schema);
  switch (def.type) {
    case 'object':
      for (const [key, child] of Object.entries(def.shape ?? {})) leaves(child, `${path}.${key}`, out);
      return;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault': {
      const inner = defOf(def.innerType!);
      if (['object', 'array', 'union', 'record'].includes(inner.type)) leaves(def.innerType!, path, out);
      else out.push([path, schema]);
      return;
    }
    case 'array':
      leaves(def.element!, `${path}[]`, out);
      return;
    case 'union':
      def.options!.forEach((option, i) => leaves(option, `${path}|${i}`, out));
      return;
    case 'record':
      out.push([`${path}{key}`, def.keyType!]);
      leaves(def.valueType!, `${path}{}`, out);
      return;
    case 'pipe': {
      const next = defOf(def.out!);
      if (['object', 'array'].includes(next.type)) leaves(def.out!, path, out);
      else out.push([path, schema]);
      return;
    }
    default:
      out.push([path, schema]);
  }
}

const bodies = Object.entries(contract).flatMap(([name, route]) => {
  const body = (route as { body?: z.ZodType }).body;
  return body ? [[name, body] as const] : [];
});

describe('free text in request bodies', () => {
  test('the contract has bodies to walk', () => {
    expect(bodies.length).toBeGreaterThan(30);
  });

  test.each(bodies)('%s: every string leaf refuses every class of hidden character', (_name, body) => {
    const found: [string, z.ZodType][] = [];
    leaves(body, '', found);
    const accepted: string[] = [];
    for (const [path, leaf] of found) {
      for (const [kind, bad] of Object.entries(BAD)) {
        if (leaf.safeParse(`正常文字${bad}正常文字`).success) accepted.push(`${path} took ${kind}`);
      }
    }
    expect(accepted).toEqual([]);
  });
});

describe('textField', () => {
  const single = textField('地址', { max: 80 });
  const multi = textField('心愿故事', { max: 300, multiline: true });

  test('normalises to NFC and trims', () => {
    expect(single.parse('  Cafe\u0301 路 ')).toBe('Café 路');
  });

  test('refuses each class with a Chinese message; newlines only in multi-line text', () => {
    for (const bad of Object.values(BAD)) {
      const result = multi.safeParse(`前${bad}后`);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toContain('请勿输入特殊或不可见字符');
    }
    expect(multi.parse('第一行\r\n第二行')).toBe('第一行\n第二行');
    expect(single.safeParse('第一行\n第二行').success).toBe(false);
    expect(single.safeParse('正常\t制表').success).toBe(false);
    expect(hasSpecialCharacter('😀 表情')).toBe(false);
  });
});

describe('one consent-version rule', () => {
  const cases: [keyof typeof CONSENT_VERSIONS, z.ZodType][] = [
    ['membership', ApplicationBody],
    ['hardship', HardshipApplyBody],
    ['volunteer', VolunteerBody],
  ];
  test.each(cases)('%s refuses any version but the current one, with CONSENT_OUTDATED', (kind, schema) => {
    const field = (schema as unknown as { _zod: { def: { shape: Record<string, z.ZodType> } } })._zod.def.shape.consentVersion!;
    expect(field.safeParse(CONSENT_VERSIONS[kind]).success).toBe(true);
    const bogus = field.safeParse('bogus');
    expect(bogus.success).toBe(false);
    expect(bogus.error?.issues[0]).toMatchObject({ params: { apiCode: 'CONSENT_OUTDATED' } });
  });
});
