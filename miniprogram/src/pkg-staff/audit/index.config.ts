export default definePageConfig({ navigationBarTitleText: '操作审计记录' });
