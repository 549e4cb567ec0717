export default definePageConfig({ navigationBarTitleText: '心愿交接' });
