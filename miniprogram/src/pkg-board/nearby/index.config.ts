export default definePageConfig({ navigationBarTitleText: '附近的零工和活动', enablePullDownRefresh: true });
