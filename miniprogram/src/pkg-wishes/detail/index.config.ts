// enableShareAppMessage: Taro registers the page's onShareAppMessage (useShareAppMessage) only with it.
export default definePageConfig({ navigationBarTitleText: '心愿详情', enableShareAppMessage: true });
