import { Text } from '@tarojs/components';
import { openStatusLabel, type OpenStatus } from '@yz/shared';

/** Open / closing soon / closed / unknown, in words and colour. */
export default function OpenBadge({ status, now }: { status: OpenStatus; now: Date }) {
  return <Text className={`badge ${status.state}`}>{openStatusLabel(status, now)}</Text>;
}
