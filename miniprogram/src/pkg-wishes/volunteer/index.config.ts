export default definePageConfig({ navigationBarTitleText: '爱心志愿者登记' });
