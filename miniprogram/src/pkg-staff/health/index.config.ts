export default definePageConfig({ navigationBarTitleText: '数据质量' });
