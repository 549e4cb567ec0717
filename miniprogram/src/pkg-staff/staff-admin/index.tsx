import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useLoad } from '@tarojs/taro';
import { useState } from 'react';
import StateView from '../../components/StateView';
import { api, errorMessage } from '../../services/api';
import '../staff.scss';

type StaffMember = { userId: string; staffScopes: string[]; grantedAt: string | null };

/** Admin: grant and revoke union staff by region (a province, city or district code). */
export default function StaffAdminPage() {
  const [staff, setStaff] = useState<StaffMember[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [userId, setUserId] = useState('');
  const [regionCode, setRegionCode] = useState('');
  const [formError, setFormError] = useState<string | null>(null);

  const load = async () => {
    setError(null);
    try {
      setStaff((await api.listStaff({})).items);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  useLoad(() => {
    void load();
  });

  const grant = async () => {
    setFormError(null);
    try {
      await api.grantStaff({ body: { userId: userId.trim(), regionCode: regionCode.trim() } });
      setUserId('');
      setRegionCode('');
      void Taro.showToast({ title: '已授权', icon: 'success' });
      await load();
    } catch (e) {
      setFormError(errorMessage(e));
    }
  };

  const revoke = async (member: StaffMember, scope: string) => {
    const ok = await Taro.showModal({ title: '收回权限', content: `收回 ${member.userId} 在 ${scope} 的工作人员权限？` });
    if (!ok.confirm) return;
    try {
      await api.revokeStaff({ params: { userId: member.userId, regionCode: scope } });
      await load();
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    }
  };

  return (
    <View className='page staff'>
      <View className='card'>
        <Text className='staff__title'>授予工作人员权限</Text>
        <Input className='staff__input' id='grant-user' value={userId} placeholder='用户编号（在对方“我的”页面）' onInput={(e) => setUserId(e.detail.value)} />
        <Input className='staff__input' id='grant-region' value={regionCode} placeholder='地区代码：省 2 位、市 4 位、区县 6 位' onInput={(e) => setRegionCode(e.detail.value)} />
        {formError ? (
          <Text className='staff__error' id='grant-error'>
            {formError}
          </Text>
        ) : null}
        <Button className='btn' id='grant' disabled={!userId.trim() || !regionCode.trim()} onClick={() => void grant()}>
          授权
        </Button>
      </View>
      {error ? <StateView kind='error' title='没能加载工作人员名单' detail={error} actionText='重试' onAction={() => void load()} /> : null}
      {!error && staff === null ? <StateView kind='loading' title='正在加载…' /> : null}
      {staff && staff.length === 0 ? <StateView kind='empty' title='还没有工作人员' /> : null}
      {staff?.map((member) => (
        <View className='card staff__entry' key={member.userId} id={`staff-${member.userId}`}>
          <Text className='staff__entry-title'>{member.userId}</Text>
          {member.staffScopes.map((scope) => (
            <View className='staff__row' key={scope}>
              <Text className='staff__grow'>地区 {scope}</Text>
              <Button className='btn small secondary' onClick={() => void revoke(member, scope)}>
                收回
              </Button>
            </View>
          ))}
        </View>
      ))}
    </View>
  );
}
