import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import './index.scss';

type Resolve = (result: { event: 'agree' | 'disagree'; buttonId?: string }) => void;

interface WxPrivacy {
  onNeedPrivacyAuthorization?: (listener: (resolve: Resolve, eventInfo: { referrer: string }) => void) => void;
}

/**
 * WeChat's privacy authorisation: before the first private API call (getLocation) WeChat asks the
 * app to show its own notice and let the user agree. This is that notice. Elsewhere (H5) it never shows.
 */
export default function PrivacyPopup() {
  const [open, setOpen] = useState(false);
  const pending = useRef<Resolve | null>(null);

  useEffect(() => {
    const wxApi = (globalThis as { wx?: WxPrivacy }).wx;
    wxApi?.onNeedPrivacyAuthorization?.((resolve) => {
      pending.current = resolve;
      setOpen(true);
    });
  }, []);

  if (!open) return null;

  const close = (event: 'agree' | 'disagree') => {
    if (event === 'disagree') pending.current?.({ event });
    pending.current = null;
    setOpen(false);
  };

  return (
    <View className='privacy-popup' id='privacy-popup'>
      <View className='privacy-popup__panel'>
        <Text className='privacy-popup__title'>隐私保护提示</Text>
        <Text className='privacy-popup__body'>
          为了查找您附近正在开放的驿站，需要使用您的位置信息。位置只用于本次查询，不与您的身份一起保存。
        </Text>
        <Text className='privacy-popup__link' onClick={() => void Taro.navigateTo({ url: '/pages/privacy/index' })}>
          查看《隐私说明》
        </Text>
        <View className='privacy-popup__actions'>
          <Button className='btn secondary small' id='privacy-disagree' onClick={() => close('disagree')}>
            不同意
          </Button>
          {/* WeChat records consent only from a button with this open-type. */}
          <Button
            className='btn small'
            id='privacy-agree'
            openType={'agreePrivacyAuthorization' as never}
            onClick={() => {
              pending.current?.({ event: 'agree', buttonId: 'privacy-agree' });
              close('agree');
            }}
          >
            同意并继续
          </Button>
        </View>
      </View>
    </View>
  );
}
