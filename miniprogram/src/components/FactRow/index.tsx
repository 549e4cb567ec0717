import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';

/** One fact of a record (an application, a hardship file): its name in grey on the left, its value on the right; `className` is the page's row style. */
export default function FactRow({ className, label, children }: { className: string; label: string; children: ReactNode }) {
  return (
    <View className={className}>
      <Text className='muted'>{label}</Text>
      <Text>{children}</Text>
    </View>
  );
}

/**
 * The record's state, the row above its facts: its name, then the state as a coloured badge
 * (`<badge> <badge>--<status>`, the page's classes) reading `label`.
 */
export function StatusRow({ className, name, badge, status, label, id }: { className: string; name: string; badge: string; status: string; label: string; id: string }) {
  return (
    <View className={className}>
      <Text>{name}</Text>
      <Text className={`${badge} ${badge}--${status}`} id={id}>
        {label}
      </Text>
    </View>
  );
}
