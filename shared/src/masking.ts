import { ageOn, type Gender } from './id-number';
import { shanghaiDate } from './time';

/**
 * The one place that decides what of a person's ID number, mobile and name a response may carry
 * without an audited reveal. Masking is judged per response, not per field: every view that shows a
 * masked number also shows the work district, the gender and the age, so the rule is that all of them
 * together must still leave a guesser with at least ~10^5 candidates.
 *
 * The ID number (GB 11643) is 6 digits of region, 8 of birth date, 3 of sequence (the last one odd for
 * men), 1 check character that follows from the other 17. Assume the worst: the issuing region is the
 * work district the response shows (true of most local workers).
 * - With the age in whole years the birth date is one of ~365 days; the gender fixes the parity of the
 *   sequence's last digit, leaving 100 × 5 = 500 sequences. Nothing of the number shown:
 *   365 × 500 = 182,500 candidates (the check character is then determined, so it does not divide).
 * - Showing the last 4 characters (as the old `450502********2229` did) gives away the whole sequence
 *   and the check character: 365 birth dates / 11 check values ≈ 33 candidates. Even without the age
 *   it is ~30,000 possible birth dates / 11 ≈ 2,700. Any shown character of the last four divides the
 *   182,500 by at least 10 (the check character by 11), below 10^5.
 * So a masked ID number shows no character at all: every view carries the age and the district, and
 * staff need those (eligibility, the region that reviews) more than a fragment of the number. Staff who
 * must read the number use the audited reveal.
 *
 * A mobile keeps its first 3 (the carrier's prefix) and last 4 digits: 10^4 candidates on its own,
 * and no other field of any view says anything about the hidden four.
 */

const ID_NUMBER_MASK = '*'.repeat(18);

/**
 * Shown in place of an ID number, whatever it is. Views call it on the stored mask too, so items
 * written under the older 6-and-4 mask never show their digits again.
 */
export function maskIdNumber(_idOrStoredMask: string): string {
  return ID_NUMBER_MASK;
}

/** 138****1234: the first 3 and last 4 digits. */
export function maskMobile(mobile: string): string {
  if (mobile.length < 8) return '*'.repeat(mobile.length);
  return `${mobile.slice(0, 3)}${'*'.repeat(mobile.length - 7)}${mobile.slice(-4)}`;
}

/** 刘** : the surname and a star per other character. */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return '*';
  return `${chars[0]}${'*'.repeat(chars.length - 1)}`;
}

/**
 * What a view says about a person in place of the birth date: the gender and the age in whole years on
 * `today` (Shanghai). Never the birth date or the birth year and month: they narrow the 365 days above.
 */
export function personFacts(birthDate: string, gender: Gender, today: string = shanghaiDate()): { gender: Gender; age: number } {
  return { gender, age: ageOn(birthDate, today) };
}
