import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { ROLE_LABELS } from '@yz/shared';
import StateView from '../../components/StateView';
import { useMe, useRegionLabel } from '../../hooks';
import { api, errorMessage } from '../../services/api';
import { canLoginSilently, saveSession } from '../../services/session';
import './index.scss';

/** 我的 tab: who I am, my roles and bindings, my data, and the way to staff tools. */
export default function MePage() {
  const { me, loading, error, refresh, setMe } = useMe();
  const [code, setCode] = useState('');
  const [binding, setBinding] = useState(false);
  const [bindError, setBindError] = useState<string | null>(null);

  const redeem = async () => {
    setBinding(true);
    setBindError(null);
    try {
      const updated = await api.redeemBindingCode({ body: { code } });
      setMe(updated);
      setCode('');
      void Taro.showToast({ title: '绑定成功', icon: 'success' });
    } catch (e) {
      setBindError(errorMessage(e));
    } finally {
      setBinding(false);
    }
  };

  const logout = async () => {
    try {
      await api.logout({});
    } catch {
      // the session may already have ended; signing out locally is what matters
    }
    saveSession(null);
    setMe(null);
  };

  const exportData = async () => {
    try {
      const data = await api.exportMyData({});
      const text = JSON.stringify(data, null, 2);
      await Taro.setClipboardData({ data: text });
      void Taro.showModal({ title: '已复制我的数据', content: '您在平台上的全部个人信息已复制到剪贴板，可以粘贴保存。', showCancel: false });
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    }
  };

  const deleteAccount = async () => {
    const confirm = await Taro.showModal({
      title: '注销账号',
      content: '注销后，您的账号和个人信息将被删除，驿站负责人、工作人员等身份也会一并解除，且无法恢复。确定注销吗？',
      confirmText: '确定注销',
      confirmColor: '#c8102e',
    });
    if (!confirm.confirm) return;
    try {
      await api.deleteMe({});
      saveSession(null);
      setMe(null);
      void Taro.showToast({ title: '账号已注销', icon: 'success' });
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    }
  };

  if (!me) {
    return (
      <View className='page me-page'>
        {loading ? (
          <StateView kind='loading' title='正在登录…' />
        ) : error ? (
          <StateView kind='error' title='没能加载账号信息' detail={error} actionText='重试' onAction={() => void refresh()} />
        ) : (
          <View className='card me-page__hello' id='signed-out'>
            <Text className='me-page__title'>您好，劳动者朋友</Text>
            <Text className='muted'>找驿站不需要登录。入会、微心愿和驿站管理需要先登录。</Text>
            {canLoginSilently ? (
              <Button className='btn me-page__login' id='login' onClick={() => void refresh()}>
                微信一键登录
              </Button>
            ) : (
              <Button className='btn me-page__login' id='dev-login' onClick={() => void Taro.navigateTo({ url: '/pages/dev-login/index' })}>
                选择演示身份登录
              </Button>
            )}
          </View>
        )}
        <PrivacyLink />
      </View>
    );
  }

  const isStaffish = me.roles.includes('staff') || me.roles.includes('admin');
  return (
    <View className='page me-page' id='signed-in'>
      <View className='card me-page__hello'>
        <Text className='me-page__title'>您好</Text>
        <View className='me-page__roles' id='my-roles'>
          {me.roles.map((role) => (
            <Text className='chip' key={role}>
              {ROLE_LABELS[role]}
            </Text>
          ))}
        </View>
        <Text className='muted me-page__id' id='my-id' onClick={() => void Taro.setClipboardData({ data: me.id })}>
          用户编号 {me.id}（点按复制，办理业务时提供给工作人员）
        </Text>
        {me.hostStations.length > 0 ? <Text className='me-page__line'>负责驿站：{me.hostStations.length} 个</Text> : null}
        {me.staffScopes.length > 0 ? (
          <Text className='me-page__line' id='my-regions'>
            工作地区：
            {me.staffScopes.map((code, i) => (
              <RegionName key={code} code={code} separator={i > 0 ? '、' : ''} />
            ))}
          </Text>
        ) : null}
      </View>

      {me.hostStations.length > 0 ? (
        <View className='card'>
          <View className='me-page__item' id='host-stations-link' onClick={() => void Taro.navigateTo({ url: '/pkg-host/stations/index' })}>
            <Text>我负责的驿站（{me.hostStations.length}）</Text>
            <Text className='muted'>改开放时间、暂停开放 ›</Text>
          </View>
        </View>
      ) : null}
      <View className='card'>
        <View className='me-page__item' id='membership-link' onClick={() => void Taro.navigateTo({ url: '/pkg-member/status/index' })}>
          <Text>{me.roles.includes('member') ? '我的电子会员证与入会记录' : '申请加入工会 / 查看入会进度'}</Text>
          <Text className='muted'>›</Text>
        </View>
      </View>

      <View className='card'>
        <View className='me-page__item' id='hardship-link' onClick={() => void Taro.navigateTo({ url: '/pkg-hardship/mine/index' })}>
          <Text>{me.roles.includes('hardship') ? '我的帮扶（档案、帮扶记录、二维码卡片）' : '困难帮扶：申请或绑定档案'}</Text>
          <Text className='muted'>›</Text>
        </View>
      </View>

      <View className='card' id='wishes-card'>
        {me.roles.includes('hardship') ? (
          <View className='me-page__item' id='my-wishes-link' onClick={() => void Taro.navigateTo({ url: '/pkg-wishes/mine/index' })}>
            <Text>我的心愿（许愿、进度、取件码）</Text>
            <Text className='muted'>›</Text>
          </View>
        ) : null}
        {me.roles.includes('volunteer') ? (
          <View className='me-page__item' id='my-claims-link' onClick={() => void Taro.navigateTo({ url: '/pkg-wishes/claimed/index' })}>
            <Text>我认领的心愿</Text>
            <Text className='muted'>›</Text>
          </View>
        ) : (
          <View className='me-page__item' id='volunteer-link' onClick={() => void Taro.navigateTo({ url: '/pkg-wishes/volunteer/index' })}>
            <Text>成为爱心志愿者，认领微心愿</Text>
            <Text className='muted'>›</Text>
          </View>
        )}
      </View>

      {isStaffish ? (
        <View className='card'>
          <View className='me-page__item' id='workbench-link' onClick={() => void Taro.navigateTo({ url: '/pkg-staff/workbench/index' })}>
            <Text>工会工作台</Text>
            <Text className='muted'>›</Text>
          </View>
        </View>
      ) : null}

      <View className='card'>
        <View className='me-page__item' id='join-host-link' onClick={() => void Taro.navigateTo({ url: '/pkg-host/join/index' })}>
          <Text>扫码成为驿站负责人</Text>
          <Text className='muted'>›</Text>
        </View>
      </View>

      <View className='card'>
        <Text className='me-page__section'>输入绑定码</Text>
        <Text className='muted me-page__hint'>驿站负责人请输入工会工作人员提供的 8 位绑定码</Text>
        <Input className='me-page__input' id='binding-code' value={code} maxlength={12} placeholder='例如 7KQ3M9XA' onInput={(e) => setCode(e.detail.value)} />
        {bindError ? (
          <Text className='me-page__error' id='binding-error'>
            {bindError}
          </Text>
        ) : null}
        <Button className='btn' id='redeem' disabled={binding || code.trim().length === 0} onClick={() => void redeem()}>
          {binding ? '正在绑定…' : '绑定'}
        </Button>
      </View>

      <View className='card'>
        <View className='me-page__item' id='my-reports-link' onClick={() => void Taro.navigateTo({ url: '/pkg-me/reports/index' })}>
          <Text>我的反馈</Text>
          <Text className='muted'>›</Text>
        </View>
        <View className='me-page__item' id='export-data' onClick={() => void exportData()}>
          <Text>导出我的数据</Text>
          <Text className='muted'>›</Text>
        </View>
        <View className='me-page__item' id='privacy-link' onClick={() => void Taro.navigateTo({ url: '/pages/privacy/index' })}>
          <Text>隐私说明</Text>
          <Text className='muted'>›</Text>
        </View>
        <View className='me-page__item' id='logout' onClick={() => void logout()}>
          <Text>退出登录</Text>
          <Text className='muted'>›</Text>
        </View>
        <View className='me-page__item me-page__danger' id='delete-account' onClick={() => void deleteAccount()}>
          <Text>注销账号</Text>
          <Text className='muted'>›</Text>
        </View>
      </View>
    </View>
  );
}

function PrivacyLink() {
  return (
    <View className='card'>
      <View className='me-page__item' id='privacy-link' onClick={() => void Taro.navigateTo({ url: '/pages/privacy/index' })}>
        <Text>隐私说明</Text>
        <Text className='muted'>›</Text>
      </View>
    </View>
  );
}

function RegionName({ code, separator }: { code: string; separator: string }) {
  return (
    <Text>
      {separator}
      {useRegionLabel(code)}
    </Text>
  );
}
