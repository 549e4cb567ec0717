import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import './index.scss';

/** 我的 tab: account, membership and privacy. Sign-in and membership land with their own work. */
export default function MePage() {
  return (
    <View className='page me-page'>
      <View className='card me-page__hello'>
        <Text className='me-page__title'>您好，劳动者朋友</Text>
        <Text className='muted'>找驿站不需要登录。入会申请、微心愿等功能即将开放。</Text>
      </View>
      <View className='card'>
        <View className='me-page__item' id='privacy-link' onClick={() => void Taro.navigateTo({ url: '/pages/privacy/index' })}>
          <Text>隐私说明</Text>
          <Text className='muted'>›</Text>
        </View>
      </View>
    </View>
  );
}
