export default definePageConfig({ navigationBarTitleText: '扫描职工卡片' });
