export default definePageConfig({ navigationBarTitleText: '招聘和活动' });
