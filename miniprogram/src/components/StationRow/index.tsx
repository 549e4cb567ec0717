import { Text, View } from '@tarojs/components';
import {
  AMENITY_LABELS,
  ageText,
  amenityEvidenceText,
  closureText,
  confirmedOpenAt,
  effectiveAmenity,
  openEvidenceText,
  formatDistance,
  openStatus,
  todayHoursText,
  travelMinutes,
  type Amenity,
  type StationSummary,
} from '@yz/shared';
import OpenBadge from '../OpenBadge';
import './index.scss';

/** Amenities workers ask about first; a row shows those the station is known to have. */
const HEADLINE: Amenity[] = ['hot_water', 'toilet', 'phone_charging', 'microwave', 'air_conditioning', 'ebike_charging'];

/** A list row: nearby rows carry a distance, district rows do not. */
export default function StationRow({
  station,
  now,
  onOpen,
  selected = false,
}: {
  station: StationSummary & { distanceMeters?: number };
  now: Date;
  onOpen: (id: string) => void;
  selected?: boolean;
}) {
  const status = openStatus(station, now);
  const distance = station.distanceMeters;
  const minutes = distance === undefined ? null : travelMinutes(distance);
  const known = HEADLINE.filter((a) => effectiveAmenity(station, a) === 'yes');
  const open = station.confirmations?.open;
  // The first headline amenity only workers vouch for (the host has not said): "3 位师傅确认有热水".
  const vouched = known.find((a) => station.amenities[a] === 'unknown');
  return (
    <View className={`station-row ${selected ? 'is-selected' : ''}`} id={`station-${station.id}`} onClick={() => onOpen(station.id)}>
      <View className='station-row__head'>
        <Text className='station-row__name'>{station.name}</Text>
        {distance !== undefined ? <Text className='station-row__distance'>{formatDistance(distance)}</Text> : null}
      </View>
      <View className='station-row__meta'>
        <OpenBadge status={status} now={now} confirmedOpen={confirmedOpenAt(station, now)} />
        {minutes ? (
          <Text className='station-row__travel'>
            步行约 {minutes.walk} 分钟 · 电动车约 {minutes.ebike} 分钟
          </Text>
        ) : station.location ? null : (
          <Text className='station-row__travel'>位置待补充</Text>
        )}
      </View>
      {status.closure ? (
        <Text className='station-row__closure' id={`closure-${station.id}`}>
          {closureText(status.closure, now)}
        </Text>
      ) : null}
      {!station.hours && open ? (
        // Hours unknown: the latest confirmation and its age say more than 开放时间未知.
        <Text className='evidence' id={`evidence-${station.id}`}>
          {openEvidenceText(open, now)}（{ageText(open.at, now)}）
        </Text>
      ) : null}
      {station.hours || station.hoursNote ? (
        <Text className='station-row__hours'>{station.hours ? todayHoursText(status) : `开放时间：${station.hoursNote}`}</Text>
      ) : null}
      <Text className='station-row__address'>{station.address}</Text>
      {vouched ? <Text className='evidence'>{amenityEvidenceText(vouched, station.confirmations?.amenities[vouched])}</Text> : null}
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
