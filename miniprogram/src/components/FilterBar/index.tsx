import { Button, Input, Picker, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { AMENITY_LABELS, KEYWORD_MAX_LENGTH, STATION_TYPES, STATION_TYPE_LABELS, type Amenity } from '@yz/shared';
import { activeFilters, NO_FILTERS, withoutFilter, type FinderFilters } from '../../stores/finder-filters';
import './index.scss';

/** Amenities most asked for, shown first; the rest behind "更多设施". */
const FIRST: Amenity[] = ['hot_water', 'toilet', 'phone_charging', 'microwave', 'air_conditioning', 'ebike_charging'];
const MORE: Amenity[] = ['drinking_water', 'seating', 'first_aid', 'umbrella', 'wifi', 'reading_corner', 'job_board', 'legal_aid', 'womens_care'];
const TYPE_CHOICES = ['全部类型', ...STATION_TYPES.map((t) => STATION_TYPE_LABELS[t])];

/**
 * Keyword box, 现在开放 toggle, amenity chips (several at once) and a type picker. Big targets: each
 * chip is a full-height tap target.
 */
export default function FilterBar({ value, onChange }: { value: FinderFilters; onChange: (next: FinderFilters) => void }) {
  const [text, setText] = useState(value.q);
  const [expanded, setExpanded] = useState(false);
  const tooLong = [...text.trim()].length > KEYWORD_MAX_LENGTH;
  const active = activeFilters(value);
  // The box follows the keyword when it is cleared from outside (its chip, 清除筛选).
  useEffect(() => setText(value.q), [value.q]);

  const toggleAmenity = (a: Amenity) =>
    onChange({ ...value, amenities: value.amenities.includes(a) ? value.amenities.filter((x) => x !== a) : [...value.amenities, a] });

  const submit = () => {
    if (!tooLong) onChange({ ...value, q: text.trim() });
  };

  const chips = expanded ? [...FIRST, ...MORE] : FIRST;
  return (
    <View className='filter-bar' id='filter-bar'>
      <View className='filter-bar__search'>
        <Input
          className='filter-bar__input'
          id='keyword'
          value={text}
          placeholder='搜驿站名称或街道，如“驿站”“琅琊大道”'
          confirmType='search'
          onInput={(e) => setText(e.detail.value)}
          onConfirm={submit}
        />
        <Button className='btn small filter-bar__go' id='search' onClick={submit} disabled={tooLong}>
          搜索
        </Button>
      </View>
      {tooLong ? (
        <Text className='filter-bar__error' id='keyword-error'>
          关键词最多 {KEYWORD_MAX_LENGTH} 个字，请只输入驿站名称或街道名称中的几个字
        </Text>
      ) : null}
      {active.length > 0 ? (
        <View className='filter-bar__active' id='active-filters'>
          <Text className='filter-bar__active-title'>已筛选</Text>
          {active.map((f) => (
            <Text
              key={f.key}
              className='filter-bar__chip is-on filter-bar__active-chip'
              id={`active-${f.key.replace(':', '-')}`}
              onClick={() => onChange(withoutFilter(f.key, value))}
            >
              {f.label}
              <Text className='filter-bar__remove'>×</Text>
            </Text>
          ))}
          <Text className='filter-bar__chip filter-bar__chip--plain' id='filter-clear' onClick={() => onChange(NO_FILTERS)}>
            清除全部
          </Text>
        </View>
      ) : null}
      <View className='filter-bar__chips'>
        <Text
          className={`filter-bar__chip ${value.openNow ? 'is-on' : ''}`}
          id='filter-open-now'
          onClick={() => onChange({ ...value, openNow: !value.openNow })}
        >
          现在开放
        </Text>
        <Picker
          mode='selector'
          range={TYPE_CHOICES}
          value={value.type ? STATION_TYPES.indexOf(value.type) + 1 : 0}
          onChange={(e) => {
            const index = Number(e.detail.value);
            onChange({ ...value, type: index === 0 ? null : STATION_TYPES[index - 1]! });
          }}
        >
          <Text className={`filter-bar__chip ${value.type ? 'is-on' : ''}`} id='filter-type'>
            {value.type ? STATION_TYPE_LABELS[value.type] : '驿站类型'} ▾
          </Text>
        </Picker>
        {chips.map((a) => (
          <Text
            key={a}
            className={`filter-bar__chip ${value.amenities.includes(a) ? 'is-on' : ''}`}
            id={`filter-amenity-${a}`}
            onClick={() => toggleAmenity(a)}
          >
            {AMENITY_LABELS[a]}
          </Text>
        ))}
        <Text className='filter-bar__chip filter-bar__chip--plain' id='filter-more' onClick={() => setExpanded(!expanded)}>
          {expanded ? '收起' : '更多设施'}
        </Text>
      </View>
    </View>
  );
}
