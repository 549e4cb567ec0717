import { Text, View } from '@tarojs/components';
import { AMENITIES, AMENITY_LABELS, type Amenities } from '@yz/shared';
import './index.scss';

const MARK = { yes: '✓', no: '✕', unknown: '?' } as const;
const WORD = { yes: '有', no: '无', unknown: '待确认' } as const;

/** Every amenity as yes / no / unknown: an unknown one is shown as unknown, never as missing. */
export default function AmenityGrid({ amenities }: { amenities: Amenities }) {
  const order = [...AMENITIES].sort((a, b) => rank(amenities[a]) - rank(amenities[b]));
  return (
    <View className='amenity-grid'>
      {order.map((a) => (
        <View className={`amenity-grid__item amenity-grid__item--${amenities[a]}`} key={a} id={`amenity-${a}`}>
          <Text className='amenity-grid__mark'>{MARK[amenities[a]]}</Text>
          <Text className='amenity-grid__label'>{AMENITY_LABELS[a]}</Text>
          <Text className='amenity-grid__word'>{WORD[amenities[a]]}</Text>
        </View>
      ))}
    </View>
  );
}

function rank(value: 'yes' | 'no' | 'unknown'): number {
  return value === 'yes' ? 0 : value === 'unknown' ? 1 : 2;
}
