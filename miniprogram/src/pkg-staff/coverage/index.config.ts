export default definePageConfig({ navigationBarTitleText: '覆盖缺口' });
