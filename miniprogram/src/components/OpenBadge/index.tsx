import { Text } from '@tarojs/components';
import { openStatusLabel, type OpenStatus } from '@yz/shared';

/**
 * Open / closing soon / closed / unknown, in words and colour. Hours unknown but workers confirmed it
 * open within the hour (`confirmedOpenAt`): open, and said to be their word, not the hours'.
 */
export default function OpenBadge({ status, now, confirmedOpen = false }: { status: OpenStatus; now: Date; confirmedOpen?: boolean }) {
  if (status.state === 'unknown' && confirmedOpen) return <Text className='badge open confirmed'>师傅确认开着</Text>;
  return <Text className={`badge ${status.state}`}>{openStatusLabel(status, now)}</Text>;
}
