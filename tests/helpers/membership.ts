import { idCheckChar, type ApplicationBody } from '@yz/shared';

/** A valid 18-digit ID number for a region, birth date (YYYYMMDD) and 3-digit sequence (odd = male). */
export function makeIdNumber(opts: { region?: string; birth?: string; seq?: string } = {}): string {
  const first17 = `${opts.region ?? '360428'}${opts.birth ?? '19900307'}${opts.seq ?? '123'}`;
  return `${first17}${idCheckChar(first17)}`;
}

let counter = 0;
/** A unique valid ID number per call (sequence varies), born in 1990. */
export function uniqueIdNumber(region = '360428'): string {
  counter += 1;
  const seq = String(100 + ((counter * 7 + Math.floor(Math.random() * 800)) % 900)).padStart(3, '0');
  const day = String(1 + (counter % 28)).padStart(2, '0');
  const month = String(1 + (Math.floor(counter / 28) % 12)).padStart(2, '0');
  return makeIdNumber({ region, birth: `1990${month}${day}`, seq });
}

/** A courier's answers on the membership form, all but the ID number. */
export const APPLICANT = {
  name: '王小明',
  mobile: '13812341234',
  occupation: 'courier',
  employmentType: 'employed',
  employer: '顺丰速运',
  districtCode: '360428',
  consent: true,
  consentVersion: '2026-11-v1',
} satisfies Omit<ApplicationBody, 'idNumber'>;

export function applicationBody(overrides: Partial<Record<keyof ApplicationBody, unknown>> = {}): Record<string, unknown> {
  return { ...APPLICANT, idNumber: uniqueIdNumber(), ...overrides };
}
