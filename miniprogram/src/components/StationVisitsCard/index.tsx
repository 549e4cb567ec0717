import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import type { StationVisits } from '@yz/shared';
import { api, errorMessage } from '../../services/api';

/** For the station's hosts and staff: visits counted from the QR code, day by day. */
export default function StationVisitsCard({ stationId }: { stationId: string }) {
  const [visits, setVisits] = useState<StationVisits | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api
      .stationVisits({ params: { id: stationId }, query: { days: 7 } })
      .then(setVisits)
      .catch((e: unknown) => setError(errorMessage(e)));
  }, [stationId]);
  const max = Math.max(1, ...(visits?.days.map((d) => d.visits) ?? [0]));
  return (
    <View className='card station-page__visits' id='station-visits'>
      <Text className='station-page__section'>到访人次（近 7 天，扫码计数）</Text>
      {error ? <Text className='muted'>{error}</Text> : null}
      {visits ? (
        <View>
          <Text className='station-page__today' id='visits-total'>
            共 {visits.total} 人次 · 今天 {visits.days[visits.days.length - 1]?.visits ?? 0}
          </Text>
          {visits.days.map((d) => (
            <View className='station-page__visit-day' key={d.date}>
              <Text className='station-page__visit-date'>{d.date.slice(5)}</Text>
              <View className='station-page__visit-bar' style={{ width: `${Math.round((d.visits / max) * 60)}%` }} />
              <Text>{d.visits}</Text>
            </View>
          ))}
        </View>
      ) : null}
      <Text className='station-page__link' id='station-qr-link' onClick={() => void Taro.navigateTo({ url: `/pkg-staff/station-qr/index?id=${encodeURIComponent(stationId)}` })}>
        驿站二维码（打印张贴，扫码计入到访） ›
      </Text>
    </View>
  );
}
