import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import StateView from '../../components/StateView';
import { useMe } from '../../hooks';
import { api } from '../../services/api';
import { FileForm } from '../components/FileForm';
import '../hardship.scss';

/** 困难帮扶申请: the worker's own application, with the separate consent for sensitive information. */
export default function ApplyHardshipPage() {
  const { me, loading } = useMe();
  if (!me) {
    return loading ? (
      <StateView kind='loading' title='正在加载…' />
    ) : (
      <StateView kind='empty' title='请先登录再申请' actionText='去登录' onAction={() => void Taro.switchTab({ url: '/pages/me/index' })} />
    );
  }
  return (
    <View className='page'>
      <FileForm
        mode='self'
        submitText='提交申请'
        onSubmit={async (body) => {
          await api.applyHardship({ body: body as Parameters<typeof api.applyHardship>[0]['body'] });
          void Taro.showToast({ title: '已提交', icon: 'success' });
          void Taro.redirectTo({ url: '/pkg-hardship/mine/index' });
        }}
      />
    </View>
  );
}
