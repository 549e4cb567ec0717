export default definePageConfig({ navigationBarTitleText: '公告栏举报处理', enablePullDownRefresh: true });
