import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { HOST_INVITATION_PREFIX } from '@yz/shared';
import StateView from '../../components/StateView';
import { useMe } from '../../hooks';
import { api, ApiError, errorMessage } from '../../services/api';
import { canLoginSilently } from '../../services/session';
import '../host.scss';

/**
 * A host accepts the invitation union staff show as a QR code: scan it (in WeChat the camera reads
 * it; in the browser the text is pasted), say how staff should call them, and the station is theirs.
 */
export default function JoinPage() {
  const { me, setMe } = useMe();
  const [content, setContent] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState<{ field?: string; message: string } | null>(null);
  const [busy, setBusy] = useState(false);

  if (!me) {
    return canLoginSilently ? (
      <StateView kind='loading' title='正在登录…' />
    ) : (
      <StateView kind='empty' title='请先登录，再扫描邀请二维码' actionText='去登录' onAction={() => void Taro.navigateTo({ url: '/pages/dev-login/index' })} />
    );
  }

  const scan = async () => {
    try {
      const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
      setContent(res.result);
      setError(null);
    } catch {
      // Cancelled by the person: nothing to do.
    }
  };

  const submit = async () => {
    if (busy || content.trim() === '' || name.trim() === '') return;
    setBusy(true);
    setError(null);
    try {
      const updated = await api.redeemHostInvitation({ body: { content, name } });
      setMe(updated);
      void Taro.showToast({ title: '已成为负责人', icon: 'success' });
      void Taro.redirectTo({ url: '/pkg-host/stations/index' });
    } catch (e) {
      setError({ field: e instanceof ApiError ? e.field : undefined, message: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };

  const scanned = content.trim() !== '';
  return (
    <View className='page host' id='join-page'>
      <View className='card'>
        <Text className='host__section'>1. 扫描邀请二维码</Text>
        <Text className='host__hint'>请工会工作人员在驿站管理页面生成“负责人邀请二维码”，7 天内有效，只能用一次。</Text>
        {process.env.TARO_ENV === 'weapp' ? (
          <View>
            <Button className='btn' id='scan-invitation' onClick={() => void scan()}>
              {scanned ? '重新扫描' : '扫一扫'}
            </Button>
            {scanned ? (
              <Text className='host__meta' id='scanned'>
                已扫描邀请二维码
              </Text>
            ) : null}
          </View>
        ) : (
          <Textarea
            className='host__input'
            id='invitation-text'
            value={content}
            maxlength={200}
            placeholder={`粘贴二维码内容（${HOST_INVITATION_PREFIX} 开头）`}
            onInput={(e) => setContent(e.detail.value)}
          />
        )}
        {error && error.field === 'content' ? (
          <Text className='host__error' id='join-content-error'>
            {error.message}
          </Text>
        ) : null}
      </View>
      <View className='card'>
        <Text className='host__section'>2. 您的称呼</Text>
        <Text className='host__hint'>工会工作人员在负责人名单里看到的名字，如“王师傅”。</Text>
        <Input className='host__input' id='host-name' value={name} maxlength={20} placeholder='如：王师傅' onInput={(e) => setName(e.detail.value)} />
        {error && error.field !== 'content' ? (
          <Text className='host__error' id='join-error'>
            {error.message}
          </Text>
        ) : null}
        <Button className='btn' id='join-submit' disabled={busy || !scanned || name.trim() === ''} onClick={() => void submit()}>
          {busy ? '正在绑定…' : '成为驿站负责人'}
        </Button>
      </View>
    </View>
  );
}
