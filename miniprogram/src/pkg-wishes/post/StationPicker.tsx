import { Button, Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { Region } from '@yz/shared';
import RegionPicker from '../../components/RegionPicker';
import StateView from '../../components/StateView';
import { api, errorMessage } from '../../services/api';
import { locate } from '../../services/location';

/**
 * Where the volunteer brings the wish: a station near the worker (their location) or in a district they
 * pick, narrowed by a keyword (name or street). Only the station's name and address are kept.
 */

export interface PickedStation {
  id: string;
  name: string;
  address: string;
}

type Source = { kind: 'near'; lat: number; lng: number } | { kind: 'district'; code: string; name: string };

export default function StationPicker({ value, onChange, error }: { value: PickedStation | null; onChange: (s: PickedStation | null) => void; error?: string }) {
  const [source, setSource] = useState<Source | null>(null);
  const [keyword, setKeyword] = useState('');
  const [results, setResults] = useState<PickedStation[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [pickingRegion, setPickingRegion] = useState(false);

  const search = async (from: Source, q: string) => {
    setBusy(true);
    setProblem(null);
    setResults(null);
    try {
      const query = q.trim() ? { q: q.trim() } : {};
      const items =
        from.kind === 'near'
          ? (await api.nearbyStations({ query: { lat: from.lat, lng: from.lng, radius: 10_000, limit: 30, ...query } })).items
          : (await api.districtStations({ query: { districtCode: from.code, limit: 50, ...query } })).items;
      setResults(items.map((s) => ({ id: s.id, name: s.name, address: s.address })));
    } catch (e) {
      setProblem(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const nearMe = async () => {
    setBusy(true);
    setProblem(null);
    const fix = await locate();
    if (!fix.ok) {
      setBusy(false);
      setProblem(fix.reason === 'denied' ? '没有定位权限，请改用“按区县找”' : '暂时定位不到，请改用“按区县找”');
      return;
    }
    const from: Source = { kind: 'near', lat: fix.point.lat, lng: fix.point.lng };
    setSource(from);
    await search(from, keyword);
  };

  const pickDistrict = (region: Region) => {
    setPickingRegion(false);
    const from: Source = { kind: 'district', code: region.code, name: region.name };
    setSource(from);
    void search(from, keyword);
  };

  if (value) {
    return (
      <View className='wish__place' id='picked-station'>
        <Text className='wish__label'>{value.name}</Text>
        <Text className='wish__hint'>{value.address}</Text>
        <Button className='btn small secondary' id='change-station' onClick={() => onChange(null)}>
          换一个驿站
        </Button>
      </View>
    );
  }
  if (pickingRegion) return <RegionPicker onPick={pickDistrict} onCancel={() => setPickingRegion(false)} />;

  return (
    <View id='station-picker'>
      <Text className='wish__hint'>选一个您方便去取的户外劳动者驿站。驿站负责人只看到取件码，看不到您的心愿内容。</Text>
      <View className='wish__actions'>
        <Button className='btn small' id='stations-near' disabled={busy} onClick={() => void nearMe()}>
          附近的驿站
        </Button>
        <Button className='btn small secondary' id='stations-district' disabled={busy} onClick={() => setPickingRegion(true)}>
          按区县找
        </Button>
      </View>
      {source ? (
        <View className='wish__field'>
          <Text className='wish__hint'>{source.kind === 'near' ? '您附近 10 公里内' : source.name}的驿站，可按名称或街道搜索：</Text>
          <Input
            className='wish__input'
            id='station-keyword'
            value={keyword}
            maxlength={20}
            placeholder='驿站名称或街道'
            confirmType='search'
            onInput={(e) => setKeyword(e.detail.value)}
            onConfirm={() => void search(source, keyword)}
          />
          <Button className='btn small secondary' id='station-search' disabled={busy} onClick={() => void search(source, keyword)}>
            搜索
          </Button>
        </View>
      ) : null}
      {busy ? <StateView kind='loading' title='正在查找驿站…' /> : null}
      {problem ? (
        <Text className='wish__error' id='station-problem'>
          {problem}
        </Text>
      ) : null}
      {results && results.length === 0 ? <Text className='wish__hint' id='stations-none'>没有找到驿站，换个关键词或区县试试。</Text> : null}
      {(results ?? []).map((s) => (
        <View className='wish__station' key={s.id} id={`pick-station-${s.id}`} onClick={() => onChange(s)}>
          <Text className='wish__station-name'>{s.name}</Text>
          <Text className='wish__station-address'>{s.address}</Text>
        </View>
      ))}
      {error ? (
        <Text className='wish__error' id='error-station'>
          {error}
        </Text>
      ) : null}
    </View>
  );
}
