import { Text, View } from '@tarojs/components';
import StateView from '../../components/StateView';

/** 心愿 tab. The wish wall arrives with the micro-wishes work; until then the tab says so plainly. */
export default function WishesPage() {
  return (
    <View className='page'>
      <StateView kind='empty' id='wishes-coming' title='微心愿即将上线' detail='在档困难职工可以在这里许下小心愿，爱心人士认领并送达。' />
      <View className='card'>
        <Text className='muted'>想先了解？可以到附近的驿站或联系所在地工会。</Text>
      </View>
    </View>
  );
}
