import fc from 'fast-check';
import { ageOn, ApplicationBody, checkIdNumber, idCheckChar, IdNumber, maskIdNumber, maskMobile, MobileNumber } from '@yz/shared';
import { applicationBody, makeIdNumber } from '../../helpers/membership';

/** GB 11643: the check character, the birth date, the age, and the messages people see. */

const TODAY = '2026-11-25';

describe('checkIdNumber', () => {
  test('accepts the standard example and reads gender and birth date from it', () => {
    expect(checkIdNumber('11010519491231002X', TODAY)).toEqual({
      ok: true,
      facts: { value: '11010519491231002X', birthDate: '1949-12-31', gender: 'female' },
    });
    expect(checkIdNumber('360428199003071235', TODAY)).toMatchObject({ ok: false });
    expect(checkIdNumber(makeIdNumber({ seq: '123' }), TODAY)).toMatchObject({ ok: true, facts: { gender: 'male', birthDate: '1990-03-07' } });
  });

  test('accepts lower-case x and spaces, and normalises them', () => {
    expect(checkIdNumber(' 110105 19491231 002x ', TODAY)).toMatchObject({ ok: true, facts: { value: '11010519491231002X' } });
    expect(IdNumber.parse('11010519491231002x')).toBe('11010519491231002X');
  });

  test.each([
    ['a wrong check digit', '110105194912310021', '校验位不正确'],
    ['a 15-digit legacy number', '110105491231002', '请使用 18 位身份证号'],
    ['a 17-digit number', '11010519491231002', '应为 18 位'],
    ['letters inside', '1101051949A231002X', '应为 18 位'],
    ['an unknown province', makeIdNumber({ region: '990105' }), '省份代码'],
    ['30 February', makeIdNumber({ birth: '19900230' }), '出生日期'],
    ['month 13', makeIdNumber({ birth: '19901301' }), '出生日期'],
    ['born before 1900', makeIdNumber({ birth: '18991231' }), '出生日期'],
    ['born tomorrow', makeIdNumber({ birth: '20261126' }), '晚于今天'],
    ['15 years and 364 days old', makeIdNumber({ birth: '20101126' }), '未满 16 周岁'],
    ['empty', '', '请填写身份证号'],
  ])('refuses %s', (_label, value, words) => {
    const result = checkIdNumber(value, TODAY);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.message).toContain(words);
    expect(result.ok ? '' : result.message).toMatch(/身份证号/);
  });

  test('16 on the day is old enough; a 29 February birthday turns 16 on 1 March', () => {
    expect(checkIdNumber(makeIdNumber({ birth: '20101125' }), TODAY).ok).toBe(true);
    expect(ageOn('2008-02-29', '2024-02-28')).toBe(15);
    expect(ageOn('2008-02-29', '2024-02-29')).toBe(16);
    expect(ageOn('2008-02-29', '2025-02-28')).toBe(16);
  });

  test('every valid number passes, and every single-character change of it fails (property)', () => {
    const digits = fc.stringMatching(/^\d{3}$/);
    const birth = fc.date({ min: new Date('1930-01-01T00:00:00Z'), max: new Date('2008-01-01T00:00:00Z'), noInvalidDate: true });
    const region = fc.constantFrom('110105', '360428', '341102', '440305', '650102', '810000');
    fc.assert(
      fc.property(region, birth, digits, fc.integer({ min: 0, max: 17 }), fc.integer({ min: 1, max: 9 }), (r, b, seq, pos, delta) => {
        const id = makeIdNumber({ region: r, birth: b.toISOString().slice(0, 10).replace(/-/g, ''), seq });
        const ok = checkIdNumber(id, TODAY);
        expect(ok.ok).toBe(true);
        if (ok.ok) expect(ok.facts.gender).toBe(Number(seq[2]) % 2 === 1 ? 'male' : 'female');
        // MOD 11-2 detects every single-digit substitution.
        const chars = id.split('');
        const old = chars[pos]!;
        chars[pos] = pos === 17 ? (old === 'X' ? '0' : old === '9' ? 'X' : String((Number(old) + delta) % 10)) : String((Number(old) + delta) % 10);
        if (chars.join('') !== id) expect(checkIdNumber(chars.join(''), TODAY).ok).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  test('the check character matches ISO 7064 MOD 11-2 for known numbers', () => {
    expect(idCheckChar('11010519491231002')).toBe('X');
    expect(idCheckChar('44052418800101001')).toBe('4');
  });
});

describe('masks', () => {
  test('ID numbers show no character, mobiles the first 3 and last 4 (masking.ts)', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('******************');
    expect(maskMobile('13812341234')).toBe('138****1234');
    expect(maskMobile('123')).toBe('***');
  });
});

describe('MobileNumber', () => {
  test('accepts 11 digits from 13 to 19, with spaces, dashes or +86', () => {
    expect(MobileNumber.parse('138 1234-1234')).toBe('13812341234');
    expect(MobileNumber.parse('+8613812341234')).toBe('13812341234');
    for (const bad of ['12812341234', '1381234123', '138123412345', 'abc']) {
      expect(MobileNumber.safeParse(bad).error?.issues[0]?.message).toContain('手机号');
    }
  });
});

describe('ApplicationBody (one schema for the form and the server)', () => {
  const messages = (body: Record<string, unknown>) =>
    Object.fromEntries((ApplicationBody.safeParse(body).error?.issues ?? []).map((i) => [i.path.join('.'), i.message]));

  test('a good application parses, normalised', () => {
    const parsed = ApplicationBody.parse(applicationBody({ idNumber: '11010519491231002x', name: ' 阿依古丽·买买提 ' }));
    expect(parsed.idNumber).toBe('11010519491231002X');
    expect(parsed.name).toBe('阿依古丽·买买提');
  });

  test('each error names its field in Chinese', () => {
    const errors = messages({ name: '', mobile: '123', idNumber: '123', occupation: 'x', employmentType: 'employed', districtCode: '36', consent: false, consentVersion: 'v' });
    expect(errors).toEqual({
      name: expect.stringContaining('姓名'),
      mobile: expect.stringContaining('手机号'),
      idNumber: expect.stringContaining('身份证号'),
      occupation: expect.stringContaining('职业'),
      districtCode: expect.stringContaining('工作地区'),
      consent: expect.stringContaining('敏感个人信息'),
      consentVersion: expect.stringContaining('告知书已更新'),
    });
    expect(messages({ ...applicationBody(), employer: undefined })).toEqual({ employer: expect.stringContaining('灵活就业') });
    expect(messages({ ...applicationBody(), gender: 'male' })).toEqual({ '': expect.any(String) });
  });
});
