export default definePageConfig({ navigationBarTitleText: '离线数据' });
