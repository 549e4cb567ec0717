import { Text } from '@tarojs/components';
import { disagreementText, workerDisagreement, type Station } from '@yz/shared';

/** For hosts and staff: where workers at the station found it otherwise than registered. */
export default function WorkerFlag({ station }: { station: Pick<Station, 'id' | 'amenities' | 'hours' | 'closure' | 'confirmations'> }) {
  const flag = workerDisagreement(station);
  if (!flag) return null;
  return (
    <Text className='worker-flag' id={`worker-flag-${station.id}`}>
      {disagreementText(flag)}，请核实后更新
    </Text>
  );
}
