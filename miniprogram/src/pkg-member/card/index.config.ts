export default definePageConfig({ navigationBarTitleText: '电子会员证', navigationBarBackgroundColor: '#8f0b21' });
