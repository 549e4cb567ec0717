import { Button, Image, Input, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import StateView from '../../components/StateView';
import { errorMessage } from '../../services/api';
import { stationCode } from './qr';
import '../staff.scss';

/** The station's QR code to print and put up at the door: scanning it opens the station and counts a visit. */
export default function StationQrPage() {
  const router = useRouter();
  const [id, setId] = useState(router.params.id ?? '');
  const [code, setCode] = useState<{ image: string; caption: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const make = async (stationId: string) => {
    if (!stationId.trim()) return;
    setBusy(true);
    setError(null);
    setCode(null);
    try {
      setCode(await stationCode(stationId.trim()));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    if (router.params.id) void make(router.params.id);
  }, []);

  return (
    <View className='page staff'>
      <View className='card'>
        <Text className='staff__title'>驿站二维码</Text>
        <Text className='muted staff__hint'>打印后张贴在驿站门口。劳动者扫码即可打开驿站页面，同一人 4 小时内到访只计一次。</Text>
        <View className='staff__row'>
          <Input className='staff__input staff__grow' id='qr-station-id' value={id} placeholder='驿站编号' onInput={(e) => setId(e.detail.value)} />
          <Button className='btn small' id='qr-make' disabled={busy} onClick={() => void make(id)}>
            生成
          </Button>
        </View>
        {busy ? <StateView kind='loading' title='正在生成…' /> : null}
        {error ? (
          <Text className='staff__error' id='qr-error'>
            {error}
          </Text>
        ) : null}
        {code ? (
          <View id='qr-result'>
            <Image className='staff__qr' id='qr-image' src={code.image} mode='aspectFit' showMenuByLongpress />
            <Text className='muted staff__hint'>{code.caption}</Text>
          </View>
        ) : null}
      </View>
    </View>
  );
}
