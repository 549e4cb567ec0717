import { Text, View } from '@tarojs/components';
import {
  AMENITY_LABELS,
  formatDistance,
  openStatus,
  todayHoursText,
  travelMinutes,
  type Amenity,
  type NearbyStation,
} from '@yz/shared';
import OpenBadge from '../OpenBadge';
import './index.scss';

/** Amenities workers ask about first; a row shows those the station is known to have. */
const HEADLINE: Amenity[] = ['hot_water', 'toilet', 'phone_charging', 'microwave', 'air_conditioning', 'ebike_charging'];

export default function StationRow({ station, now, onOpen }: { station: NearbyStation; now: Date; onOpen: (id: string) => void }) {
  const status = openStatus(station, now);
  const minutes = travelMinutes(station.distanceMeters);
  const known = HEADLINE.filter((a) => station.amenities[a] === 'yes');
  return (
    <View className='station-row' id={`station-${station.id}`} onClick={() => onOpen(station.id)}>
      <View className='station-row__head'>
        <Text className='station-row__name'>{station.name}</Text>
        <Text className='station-row__distance'>{formatDistance(station.distanceMeters)}</Text>
      </View>
      <View className='station-row__meta'>
        <OpenBadge status={status} now={now} />
        <Text className='station-row__travel'>
          步行约 {minutes.walk} 分钟 · 电动车约 {minutes.ebike} 分钟
        </Text>
      </View>
      {station.hours || station.hoursNote ? (
        <Text className='station-row__hours'>{station.hours ? todayHoursText(status) : `开放时间：${station.hoursNote}`}</Text>
      ) : null}
      <Text className='station-row__address'>{station.address}</Text>
      {known.length > 0 ? (
        <View className='station-row__amenities'>
          {known.map((a) => (
            <Text className='chip' key={a}>
              {AMENITY_LABELS[a]}
            </Text>
          ))}
        </View>
      ) : null}
    </View>
  );
}
