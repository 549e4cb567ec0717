import Taro from '@tarojs/taro';
import type { EmploymentType, Occupation } from '@yz/shared';

/**
 * The application form as typed, kept on the phone until it is submitted: a weak network, a call or a
 * closed app never costs the applicant their typing. A correction of a returned application has its
 * own draft. Cleared after a successful submit.
 */
export interface Draft {
  name: string;
  mobile: string;
  idNumber: string;
  occupation: Occupation | '';
  employmentType: EmploymentType;
  employer: string;
  districtCode: string;
  districtLabel: string;
  consent: boolean;
}

export const EMPTY_DRAFT: Draft = {
  name: '',
  mobile: '',
  idNumber: '',
  occupation: '',
  employmentType: 'employed',
  employer: '',
  districtCode: '',
  districtLabel: '',
  consent: false,
};

const key = (applicationId?: string) => (applicationId ? `yz.membership.draft.${applicationId}` : 'yz.membership.draft');

export function loadDraft(applicationId?: string): Draft | null {
  try {
    const value = Taro.getStorageSync(key(applicationId)) as Draft | '';
    return value ? { ...EMPTY_DRAFT, ...value } : null;
  } catch {
    return null;
  }
}

export function saveDraft(draft: Draft, applicationId?: string): void {
  try {
    Taro.setStorageSync(key(applicationId), draft);
  } catch {
    // storage full or unavailable: the form still works, only the draft is not kept
  }
}

export function clearDraft(applicationId?: string): void {
  try {
    Taro.removeStorageSync(key(applicationId));
  } catch {
    // nothing to clear
  }
}
