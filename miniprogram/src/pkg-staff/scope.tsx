import { Input, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { Me } from '@yz/shared';
import { errorMessage } from '../services/api';

/** Which region a staff page shows: one of the person's scopes (admins type any code). */
export function useScope(me: Me | null): [string, (code: string) => void] {
  const [picked, setPicked] = useState<string | null>(null);
  const fallback = me?.staffScopes[0] ?? (me?.isAdmin ? '36' : '');
  return [picked ?? fallback, setPicked];
}

/**
 * What a staff page shows for the chosen region: loaded again whenever the region changes, null while
 * loading (and until a region is chosen), the error's Chinese message if it failed.
 */
export function useScopedData<T>(scope: string, load: (regionCode: string) => Promise<T>): { data: T | null; error: string | null } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!scope) return;
    let current = true;
    setData(null);
    setError(null);
    load(scope)
      .then((value) => current && setData(value))
      .catch((e: unknown) => current && setError(errorMessage(e)));
    return () => {
      current = false;
    };
    // `load` is a fresh closure each render; the region is what decides a reload.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [scope]);
  return { data, error };
}

export function ScopePicker({ me, value, onChange }: { me: Me; value: string; onChange: (code: string) => void }) {
  const [text, setText] = useState(value);
  return (
    <View className='staff__scopes'>
      {me.staffScopes.map((code) => (
        <Text key={code} className={`staff__scope ${code === value ? 'is-on' : ''}`} id={`scope-${code}`} onClick={() => onChange(code)}>
          {code}
        </Text>
      ))}
      {me.isAdmin ? (
        <Input
          className='staff__input staff__scope-input'
          id='scope-input'
          value={text}
          placeholder='地区代码，如 36、3604、360428'
          onInput={(e) => setText(e.detail.value)}
          onConfirm={() => /^(\d{2}|\d{4}|\d{6})$/.test(text.trim()) && onChange(text.trim())}
        />
      ) : null}
    </View>
  );
}
