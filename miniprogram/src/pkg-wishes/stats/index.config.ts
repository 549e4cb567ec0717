export default definePageConfig({ navigationBarTitleText: '心愿数字' });
