import { Text, View } from '@tarojs/components';
import { AMENITIES, AMENITY_LABELS, amenityEvidenceText, effectiveAmenity, type Station } from '@yz/shared';
import './index.scss';

const MARK = { yes: '✓', no: '✕', unknown: '?' } as const;
const WORD = { yes: '有', no: '无', unknown: '待确认' } as const;

/**
 * Every amenity as yes / no / unknown: an unknown one is shown as unknown, never as missing. The host's
 * own setting first, workers' agreed answers where the host has not said; then what workers said.
 */
export default function AmenityGrid({ station }: { station: Pick<Station, 'amenities' | 'confirmations'> }) {
  const amenities = Object.fromEntries(AMENITIES.map((a) => [a, effectiveAmenity(station, a)])) as Station['amenities'];
  const order = [...AMENITIES].sort((a, b) => rank(amenities[a]) - rank(amenities[b]));
  const evidence = AMENITIES.map((a) => [a, amenityEvidenceText(a, station.confirmations?.amenities[a])] as const).filter(([, text]) => text !== null);
  return (
    <View className='amenity-grid'>
      {order.map((a) => (
        <View className={`amenity-grid__item amenity-grid__item--${amenities[a]}`} key={a} id={`amenity-${a}`}>
          <Text className='amenity-grid__mark'>{MARK[amenities[a]]}</Text>
          <Text className='amenity-grid__label'>{AMENITY_LABELS[a]}</Text>
          <Text className='amenity-grid__word'>{WORD[amenities[a]]}</Text>
        </View>
      ))}
      {evidence.map(([a, text]) => (
        <Text className='evidence amenity-grid__evidence' key={a} id={`amenity-evidence-${a}`}>
          {text}
        </Text>
      ))}
    </View>
  );
}

function rank(value: 'yes' | 'no' | 'unknown'): number {
  return value === 'yes' ? 0 : value === 'unknown' ? 1 : 2;
}
