import Taro from '@tarojs/taro';
import { MEMBER_SCAN_REPORT_HOURS } from '@yz/shared';

/**
 * Scans checked offline, waiting to be counted: kept on the phone and sent when the page is next
 * opened online. The server counts them if they arrive within MEMBER_SCAN_REPORT_HOURS; older ones are
 * dropped here rather than sent to be refused.
 */
export interface PendingScan {
  stationId: string;
  token: string;
  scannedAt: string;
}

const KEY = 'yz-member-scans-pending';

export function pendingScans(): PendingScan[] {
  const value = Taro.getStorageSync(KEY) as PendingScan[] | '';
  const cutoff = Date.now() - MEMBER_SCAN_REPORT_HOURS * 3600_000;
  return Array.isArray(value) ? value.filter((s) => new Date(s.scannedAt).getTime() > cutoff) : [];
}

export function savePendingScans(scans: PendingScan[]): void {
  if (scans.length === 0) Taro.removeStorageSync(KEY);
  else Taro.setStorageSync(KEY, scans);
}
