import { Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { Me } from '@yz/shared';

/** Which region a staff page shows: one of the person's scopes (admins type any code). */
export function useScope(me: Me | null): [string, (code: string) => void] {
  const [picked, setPicked] = useState<string | null>(null);
  const fallback = me?.staffScopes[0] ?? (me?.isAdmin ? '36' : '');
  return [picked ?? fallback, setPicked];
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
