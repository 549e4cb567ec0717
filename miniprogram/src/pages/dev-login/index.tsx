import { Text, View } from '@tarojs/components';
import Taro, { useLoad, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { ROLE_LABELS, type Persona } from '@yz/shared';
import StateView from '../../components/StateView';
import { api, errorMessage } from '../../services/api';
import { saveSession } from '../../services/session';
import './index.scss';

/**
 * Development login (H5 only): pick a demo persona. The server offers this only when started with the
 * development flag; in a deployed stack the route does not exist.
 */
export default function DevLoginPage() {
  // `back=1`: opened from a page that needs a login (报告问题); signed in, the person returns there.
  const back = useRouter().params.back === '1';
  const [personas, setPersonas] = useState<Persona[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const load = async () => {
    setError(null);
    try {
      setPersonas((await api.listPersonas({})).items);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  useLoad(() => {
    void load();
  });

  const pick = async (persona: Persona) => {
    setBusy(persona.id);
    try {
      const session = await api.loginDev({ body: { persona: persona.id } });
      saveSession(session);
      if (back) void Taro.navigateBack();
      else void Taro.switchTab({ url: '/pages/me/index' });
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    } finally {
      setBusy(null);
    }
  };

  if (error) return <StateView kind='error' title='演示登录不可用' detail={error} actionText='重试' onAction={() => void load()} />;
  if (!personas) return <StateView kind='loading' title='正在加载演示身份…' />;
  return (
    <View className='page dev-login'>
      <View className='dev-login__banner'>开发环境 · 演示身份登录，正式小程序中不存在此页面</View>
      {personas.map((p) => (
        <View className='card dev-login__persona' key={p.id} id={`persona-${p.id}`} onClick={() => void pick(p)}>
          <Text className='dev-login__name'>{busy === p.id ? '正在登录…' : p.label}</Text>
          <Text className='muted dev-login__desc'>{p.description}</Text>
          <View>
            {p.roles.map((r) => (
              <Text className='chip' key={r}>
                {ROLE_LABELS[r]}
              </Text>
            ))}
          </View>
        </View>
      ))}
    </View>
  );
}
