import { Button, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { HardshipFile } from '@yz/shared';
import StateView from '../../components/StateView';
import { useMe } from '../../hooks';
import { api, errorMessage } from '../../services/api';
import { FileView } from '../components/FileView';
import '../hardship.scss';

/**
 * Scan a worker's QR card: staff of the file's region and the paired helper open the file (recorded);
 * for anyone else the card says nothing. In WeChat the camera reads it; in the browser, paste its text.
 */
export default function ScanPage() {
  const { me } = useMe();
  const [text, setText] = useState('');
  const [file, setFile] = useState<HardshipFile | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const open = async (content: string) => {
    setBusy(true);
    setError(null);
    setFile(null);
    try {
      setFile(await api.scanHardshipCard({ body: { token: content } }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const scan = async () => {
    try {
      const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
      await open(res.result);
    } catch {
      // Cancelled by the person: nothing to do.
    }
  };

  if (!me) return <StateView kind='loading' title='正在加载…' />;
  const staff = me.roles.includes('staff') || me.roles.includes('admin');
  return (
    <View className='page hs' id='scan-page'>
      <View className='card'>
        <Text className='hs__title'>扫描职工二维码卡片</Text>
        <Text className='hs__hint'>所在地区的工会工作人员和结对帮扶责任人可以打开档案，每次查看都会被记录。</Text>
        {process.env.TARO_ENV === 'weapp' ? (
          <Button className='btn' id='scan-button' disabled={busy} onClick={() => void scan()}>
            {busy ? '正在打开…' : '扫一扫'}
          </Button>
        ) : (
          <View>
            <Textarea className='hs__textarea' id='card-content' value={text} maxlength={1000} placeholder='粘贴卡片内容（YZCARD: 开头）' onInput={(e) => setText(e.detail.value)} />
            <Button className='btn' id='open-card' disabled={busy || text.trim() === ''} onClick={() => void open(text)}>
              {busy ? '正在打开…' : '打开档案'}
            </Button>
          </View>
        )}
        {error ? (
          <Text className='hs__error' id='scan-error'>
            {error}
          </Text>
        ) : null}
      </View>
      {file ? <FileView file={file} staff={staff} onChange={setFile} /> : null}
    </View>
  );
}
