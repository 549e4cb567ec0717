import fc from 'fast-check';
import { checkIdNumber, idCheckChar, maskIdNumber, maskMobile, maskName, personFacts } from '@yz/shared';

/**
 * The masking rule judged per response: what a view carries without a reveal (district, age, gender,
 * the masked number) must leave at least 10^5 ID numbers that fit. Counted by brute force here, not
 * taken from the module's comment.
 */

const TODAY = '2026-12-05';

/** Every valid ID number of `district` whose holder has `age` and `gender` today and whose mask matches. */
function candidates(district: string, age: number, gender: 'male' | 'female', masked: string): number {
  let count = 0;
  const start = Date.UTC(2026 - age - 1, 11, 1);
  for (let day = 0; day < 400; day += 1) {
    const date = new Date(start + day * 86_400_000).toISOString().slice(0, 10);
    if (personFacts(date, gender, TODAY).age !== age) continue;
    const ymd = date.replaceAll('-', '');
    for (let seq = 0; seq < 1000; seq += 1) {
      if ((seq % 2 === 1) !== (gender === 'male')) continue;
      const first17 = `${district}${ymd}${String(seq).padStart(3, '0')}`;
      const id = first17 + idCheckChar(first17);
      if (maskIdNumber(id) === masked) count += 1;
    }
  }
  return count;
}

describe('masking', () => {
  test('a masked ID number shows no character of it, whatever the number', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{17}[0-9X]$/), (id) => {
        const masked = maskIdNumber(id);
        expect(masked).toMatch(/^\*{18}$/);
      }),
    );
    // An older stored 6-and-4 mask loses its digits too.
    expect(maskIdNumber('450502********2229')).toBe('******************');
  });

  test('district, age, gender and the masked number together leave at least 10^5 candidates', () => {
    const id = '450502198505052229';
    const facts = checkIdNumber(id, TODAY);
    if (!facts.ok) throw new Error(facts.message);
    const { age, gender } = personFacts(facts.facts.birthDate, facts.facts.gender, TODAY);
    expect(age).toBe(41);
    expect(candidates('450502', age, gender, maskIdNumber(id))).toBeGreaterThanOrEqual(100_000);
  });

  test('the view facts are the age and gender only, never the birth date', () => {
    expect(personFacts('1985-05-05', 'female', TODAY)).toEqual({ gender: 'female', age: 41 });
    expect(personFacts('1985-12-06', 'male', TODAY)).toEqual({ gender: 'male', age: 40 });
  });

  test('mobiles keep at most the first 3 and last 4 digits; names the surname', () => {
    expect(maskMobile('13812345678')).toBe('138****5678');
    expect(maskName('刘桂芳')).toBe('刘**');
  });
});
