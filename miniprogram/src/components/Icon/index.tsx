import { View } from '@tarojs/components';
import './index.scss';

/**
 * The app's own small icons, drawn in CSS. Emoji (📍 ⚠️) render as empty boxes where the phone or
 * browser has no emoji font, and an image per icon would cost a request (H5) or package bytes (WeChat).
 */
export type IconName = 'pin' | 'notice' | 'empty' | 'warning';

export default function Icon({ name, className }: { name: IconName; className?: string }) {
  return (
    <View className={`yz-icon yz-icon--${name}${className ? ` ${className}` : ''}`} aria-hidden>
      <View className='yz-icon__inner' />
    </View>
  );
}
