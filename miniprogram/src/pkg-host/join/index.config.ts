export default definePageConfig({ navigationBarTitleText: '成为驿站负责人' });
