import { ScrollView, Text, View } from '@tarojs/components';
import { useState } from 'react';
import StateView from '../../components/StateView';
import { useRegionChildren } from '../../hooks';

/**
 * A form field for a district: tapping it opens province → city → district, one list at a time in a
 * bottom sheet (large rows, no tiny wheels). The lists come from `GET /regions?parent=` so the region
 * table never ships in the mini-program. (components/RegionPicker is the inline panel the finder and
 * the wish and hardship forms use.)
 */

export interface RegionValue {
  code: string;
  /** 江西省 九江市 都昌县 */
  label: string;
}

type Entry = { code: string; name: string; leaf: boolean };

export default function RegionField(props: { id: string; value: RegionValue | null; error?: string; onChange: (value: RegionValue) => void }) {
  const [open, setOpen] = useState(false);
  const [path, setPath] = useState<Entry[]>([]);
  const { items, error } = useRegionChildren(path[path.length - 1]?.code, open);

  const pick = (entry: Entry) => {
    if (!entry.leaf) {
      setPath([...path, entry]);
      return;
    }
    const names = [...path.map((p) => p.name), entry.name].filter((name, i, all) => i === 0 || name !== all[i - 1]);
    props.onChange({ code: entry.code, label: names.join(' ') });
    setOpen(false);
    setPath([]);
  };

  return (
    <View>
      <View className={`member__picker ${props.error ? 'member__picker--error' : ''}`} id={props.id} onClick={() => setOpen(true)}>
        {props.value ? <Text>{props.value.label}</Text> : <Text className='member__placeholder'>请选择省 / 市 / 区县</Text>}
        <Text className='muted'>›</Text>
      </View>
      {open ? (
        <View className='region-sheet' catchMove>
          <View className='region-sheet__panel'>
            <View className='region-sheet__head'>
              <View className='region-sheet__crumbs'>
                <Text className='region-sheet__crumb' onClick={() => setPath([])}>
                  全国
                </Text>
                {path.map((p, i) => (
                  <Text className='region-sheet__crumb' key={p.code} onClick={() => setPath(path.slice(0, i + 1))}>
                    › {p.name}
                  </Text>
                ))}
              </View>
              <View className='region-sheet__close' id={`${props.id}-close`} onClick={() => setOpen(false)}>
                关闭
              </View>
            </View>
            <ScrollView scrollY className='region-sheet__list'>
              {error ? (
                <StateView kind='error' title='地区列表没有加载出来' detail={error} />
              ) : !items ? (
                <StateView kind='loading' title='正在加载…' />
              ) : (
                items.map((entry) => (
                  <View className='region-sheet__item' key={entry.code} id={`region-${entry.code}`} onClick={() => pick(entry)}>
                    <Text>{entry.name}</Text>
                    {entry.leaf ? null : <Text className='muted'>›</Text>}
                  </View>
                ))
              )}
            </ScrollView>
          </View>
        </View>
      ) : null}
    </View>
  );
}
