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
