import { Text, View } from '@tarojs/components';

/** What the app collects and why, in plain words (PIPL: notice before processing). */
const SECTIONS: { title: string; body: string }[] = [
  {
    title: '位置信息',
    body: '仅在您打开“驿站”页面时使用，用于查找您附近的驿站。位置只用于这一次查询，不与您的身份关联保存。您可以拒绝定位，改为手动选择城市。',
  },
  {
    title: '搜索统计',
    body: '为帮助工会在缺少驿站的地方建站，我们按约一公里的网格统计搜索次数，不记录是谁搜索的。',
  },
  {
    title: '缓存',
    body: '最近一次查到的驿站列表保存在您的手机上，网络不好时也能查看。清除小程序数据即可删除。',
  },
];

export default function PrivacyPage() {
  return (
    <View className='page'>
      {SECTIONS.map((s) => (
        <View className='card' key={s.title}>
          <Text style={{ display: 'block', fontWeight: 700, fontSize: '17px', marginBottom: '8px' }}>{s.title}</Text>
          <Text>{s.body}</Text>
        </View>
      ))}
    </View>
  );
}
