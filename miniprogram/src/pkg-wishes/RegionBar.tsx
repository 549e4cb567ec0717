import { Button, Input, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { Me } from '@yz/shared';
import { useRegionLabel } from '../hooks';
import { api } from '../services/api';

/**
 * Which region a staff wish page shows, as the other staff pages pick it: one of the person's scopes,
 * then optionally one district or city inside it; admins type any region code.
 */
export function useRegion(me: Me | null): { scope: string; region: string; setScope: (code: string) => void; setRegion: (code: string) => void } {
  const [scope, setScope] = useState('');
  const [region, setRegion] = useState('');
  const first = me?.staffScopes[0] ?? '';
  useEffect(() => {
    if (!scope && first) setScope(first);
  }, [scope, first]);
  useEffect(() => setRegion(scope), [scope]);
  return { scope, region, setScope, setRegion };
}

function ScopeName({ code }: { code: string }) {
  return <>{useRegionLabel(code)}</>;
}

export default function RegionBar({ me, scope, region, onScope, onRegion }: { me: Me; scope: string; region: string; onScope: (code: string) => void; onRegion: (code: string) => void }) {
  const regionLabel = useRegionLabel(region);
  const [subRegions, setSubRegions] = useState<{ code: string; name: string }[]>([]);
  const [typed, setTyped] = useState('');
  const [typedError, setTypedError] = useState(false);

  useEffect(() => {
    setSubRegions([]);
    if (!scope || scope.length >= 6) return;
    let live = true;
    api
      .listRegions({ query: { parent: scope } })
      .then((r) => live && setSubRegions(r.items))
      .catch(() => live && setSubRegions([]));
    return () => {
      live = false;
    };
  }, [scope]);

  const applyTyped = () => {
    const code = typed.trim();
    const ok = /^(\d{2}|\d{4}|\d{6})$/.test(code);
    setTypedError(!ok);
    if (ok) onScope(code);
  };

  return (
    <View className='card' id='region-bar'>
      {me.staffScopes.length > 1 || me.isAdmin ? (
        <View className='wish__chips'>
          {me.staffScopes.map((code) => (
            <Text key={code} id={`scope-${code}`} className={`wish__chip ${scope === code ? 'wish__chip--on' : ''}`} onClick={() => onScope(code)}>
              <ScopeName code={code} />
            </Text>
          ))}
        </View>
      ) : null}
      {me.isAdmin ? (
        <View className='wish__field'>
          <Text className='wish__hint'>管理员：输入地区代码（省 2 位、市 4 位、区县 6 位）</Text>
          <Input className='wish__input' id='scope-input' value={typed} maxlength={6} type='number' placeholder='如 45、4505、450502' onInput={(e) => setTyped(e.detail.value)} onConfirm={applyTyped} />
          {typedError ? <Text className='wish__error'>地区代码应为 2、4 或 6 位数字</Text> : null}
          <Button className='btn small secondary' id='scope-apply' onClick={applyTyped}>
            查看这个地区
          </Button>
        </View>
      ) : null}
      {subRegions.length > 0 ? (
        <View className='wish__chips' id='district-filter'>
          <Text className={`wish__chip ${region === scope ? 'wish__chip--on' : ''}`} id='district-all' onClick={() => onRegion(scope)}>
            全部地区
          </Text>
          {subRegions.map((r) => (
            <Text key={r.code} id={`district-${r.code}`} className={`wish__chip ${region === r.code ? 'wish__chip--on' : ''}`} onClick={() => onRegion(r.code)}>
              {r.name}
            </Text>
          ))}
        </View>
      ) : null}
      {scope ? (
        <Text className='wish__hint' id='current-region'>
          当前地区：{regionLabel}
        </Text>
      ) : null}
    </View>
  );
}
