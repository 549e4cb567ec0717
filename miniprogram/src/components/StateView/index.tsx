import { Button, Text, View } from '@tarojs/components';
import Icon from '../Icon';
import './index.scss';

/** The loading, empty and error states every list and page shares. */
export interface StateViewProps {
  kind: 'loading' | 'empty' | 'error';
  title: string;
  detail?: string;
  actionText?: string;
  onAction?: () => void;
  id?: string;
}

export default function StateView({ kind, title, detail, actionText, onAction, id }: StateViewProps) {
  return (
    <View className={`state-view state-view--${kind}`} id={id ?? `state-${kind}`}>
      {kind === 'loading' ? <View className='state-view__spinner' /> : <Icon name={kind === 'empty' ? 'empty' : 'warning'} />}
      <Text className='state-view__title'>{title}</Text>
      {detail ? <Text className='state-view__detail'>{detail}</Text> : null}
      {actionText && onAction ? (
        <Button className='btn small state-view__action' id={`${id ?? `state-${kind}`}-action`} onClick={onAction}>
          {actionText}
        </Button>
      ) : null}
    </View>
  );
}
